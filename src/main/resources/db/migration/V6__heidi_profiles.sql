-- Heidi patient profiles medsync created, so the next session for the same EHR patient reuses the profile.
-- Ids only (no PHI). Per region: each region is a separate Heidi API key, whose profiles the others cannot see.
create table heidi_patient_profile (
    tenant_id        varchar(64)  not null,
    region           varchar(16)  not null,
    ehr_patient_id   varchar(64)  not null,
    heidi_profile_id varchar(128) not null,
    created_at       timestamp with time zone not null,
    primary key (tenant_id, region, ehr_patient_id)
);
