-- A consent flow is bound to the browser that started it (RFC 6749 §10.12): the enrol answer sets a cookie with a
-- random nonce, this column holds its SHA-256 (base64url), and the callback refuses a state without that cookie.
alter table nextgen_pending_consent add column browser_hash varchar(64);
-- The expiry sweep and the per-tenant cap read by these.
create index ix_nextgen_pending_consent_tenant on nextgen_pending_consent (tenant_id, expires_at);
