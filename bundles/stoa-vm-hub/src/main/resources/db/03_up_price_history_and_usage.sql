-- The hub owns what VMs cost and how long they ran, and publishes both to the modules that bill
-- from them (stoa-payments). Published, for other modules to read and never to write:
--   accounts (email)       the account holders: reference them by email, lock a row FOR UPDATE
--                          to serialise work on one account;
--   vm_usage               every VM ever made (deleted ones too): who, which size, from when to when;
--   vm_size_price_history  what each size cost from when.
-- Everything else of this schema is the hub's own and may change in any release.

-- What each size cost from when: usage is priced piecewise over the periods a VM ran, so a new
-- price never rewrites past usage. Every change of vm_sizes is recorded by the triggers below, at
-- its transaction time; a size's first price is valid since always ('-infinity').
CREATE TABLE vm_size_price_history (
    size              text NOT NULL REFERENCES vm_sizes (id) ON DELETE CASCADE,
    dollars_per_month numeric(8, 2) NOT NULL CHECK (dollars_per_month > 0),
    effective_from    timestamptz NOT NULL,
    PRIMARY KEY (size, effective_from)
);

-- Until this migration stoa-payments kept this history (its 01_payments: vm_size_prices, with
-- triggers on vm_sizes). A database it ran on keeps every row it recorded; payments' 02 then drops
-- its own copy. Sizes without a recorded price (no payments before) start with today's price.
DO $$
BEGIN
    IF to_regclass('vm_size_prices') IS NOT NULL THEN
        INSERT INTO vm_size_price_history (size, dollars_per_month, effective_from)
            SELECT size, dollars_per_month, effective_from FROM vm_size_prices;
    END IF;
END
$$;
INSERT INTO vm_size_price_history (size, dollars_per_month, effective_from)
    SELECT id, dollars_per_month, '-infinity' FROM vm_sizes s
    WHERE NOT EXISTS (SELECT 1 FROM vm_size_price_history h WHERE h.size = s.id);

CREATE FUNCTION vm_size_price_history_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO vm_size_price_history (size, dollars_per_month, effective_from)
        VALUES (NEW.id, NEW.dollars_per_month, now())
        ON CONFLICT (size, effective_from) DO UPDATE SET dollars_per_month = EXCLUDED.dollars_per_month;
    RETURN NULL;
END
$$;
CREATE TRIGGER vm_size_price_history_follows_inserts AFTER INSERT ON vm_sizes
    FOR EACH ROW EXECUTE FUNCTION vm_size_price_history_records();
CREATE TRIGGER vm_size_price_history_follows_updates AFTER UPDATE OF dollars_per_month ON vm_sizes
    FOR EACH ROW WHEN (NEW.dollars_per_month IS DISTINCT FROM OLD.dollars_per_month)
    EXECUTE FUNCTION vm_size_price_history_records();

-- A VM's life as billing sees it: created when its spoke won the create, deleted when vm:destroy
-- (or billing) removed it, NULL while it runs.
CREATE VIEW vm_usage AS
    SELECT id AS vm, email, size, created, deleted FROM vms;
