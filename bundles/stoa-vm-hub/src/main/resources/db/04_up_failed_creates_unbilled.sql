-- A create that the spoke winning it could not carry out leaves a VM record, state 'failed' and
-- deleted at once, which billing's one-day minimum charged for a VM that never ran. The record
-- stays (the operation's history); vm_usage, what billing reads, leaves it out. 'failed' is only
-- ever set on that path. Balances are computed from vm_usage, so this also returns the day
-- charged for past failed creates.
CREATE OR REPLACE VIEW vm_usage AS
    SELECT id AS vm, email, size, created, deleted FROM vms WHERE state <> 'failed';
