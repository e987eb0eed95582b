-- Signed webhook deliveries already accepted, by a hash of their signature: the same delivery replayed inside the
-- signature's timestamp window is acknowledged without new work. Rows older than the window serve nothing (a
-- replay that old fails the timestamp check) and are deleted as new deliveries arrive.
create table webhook_delivery_seen (
    source         varchar(32) not null,
    signature_hash varchar(64) not null,
    seen_at        timestamp with time zone not null,
    primary key (source, signature_hash)
);
create index ix_webhook_delivery_seen_at on webhook_delivery_seen (seen_at);
