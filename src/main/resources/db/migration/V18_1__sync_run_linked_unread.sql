-- Records delivered without a create (NovaMed answered "already exists" and the record was linked to what it held):
-- counted apart from "created", so the run history says how many records NovaMed actually created.
alter table sync_run add column linked bigint default 0 not null;
-- Entries of FHIR resource types medsync does not read, as "Type=count,..." (types and counts only, never content).
alter table sync_run add column unread_resources varchar(2000);
