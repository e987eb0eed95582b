-- One NovaMed practitioner per NPI in a tenant (design §9, issue 15 class 10): the NPI of every delivered source
-- practitioner and the NovaMed id it became (null while unknown: NovaMed answered "already exists" and no record of
-- the tenant with that NPI was created by medsync). A second source practitioner with the same NPI is delivered as
-- the practitioner NovaMed already has.
create table practitioner_npi (
    tenant_id     varchar(64)  not null,
    source_system varchar(32)  not null,
    source_id     varchar(128) not null,
    npi           varchar(32)  not null,
    novamed_id    varchar(64),
    updated_at    timestamp with time zone not null,
    primary key (tenant_id, source_system, source_id)
);

create index ix_practitioner_npi on practitioner_npi (tenant_id, npi);
