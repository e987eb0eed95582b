-- Scheduled jobs run once per trigger across replicas: a replica runs a job only while it holds the job's lease.
-- A lease is taken with one conditional UPDATE (or the first INSERT): free or expired, and not yet taken for this
-- trigger (last_slot). Its holder renews it during a long run; a holder that dies loses it when it expires. Every
-- taking increments fencing_token, and renewals and releases name the token, so a holder that stalled past expiry
-- cannot extend or release the lease another replica has taken since.
create table job_lease (
    job           varchar(200) primary key,
    holder        varchar(200),
    fencing_token bigint not null,
    last_slot     bigint not null,
    acquired_at   timestamp with time zone not null,
    expires_at    timestamp with time zone not null
);
