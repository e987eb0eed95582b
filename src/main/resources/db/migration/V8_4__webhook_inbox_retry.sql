-- One webhook inbox design for both partners (NexHealth's webhook_inbox, NovaMed's novamed_event): an event is
-- claimed before it is processed (so the receipt queue and the periodic sweep never process it at the same time),
-- and a failed one is tried again at next_attempt_at, with exponential backoff, until it is dead-lettered.
alter table webhook_inbox add column next_attempt_at timestamp with time zone;
alter table novamed_event add column next_attempt_at timestamp with time zone;
