-- Payments and billing (capsul's payments table, plus what capsul left to hand-written SQL).
-- This schema builds on the hub's accounts, vms and vm_sizes (Stoa-Migrations-Requires:
-- stoa-vm-hub), so a payment can only belong to an account that exists.

-- A payment as capsul keeps it. A row is never deleted and only its invalidated flag ever
-- changes, and every change comes with its payment_audit row in the same transaction
-- (checked when the transaction commits): an UPDATE by hand without one is refused.
CREATE TABLE payments (
    id          bigserial PRIMARY KEY,
    created     timestamptz NOT NULL DEFAULT now(),
    email       text NOT NULL REFERENCES accounts (email),
    dollars     numeric(8, 2) NOT NULL CHECK (dollars > 0),
    invalidated boolean NOT NULL DEFAULT false
);
CREATE INDEX payments_by_email ON payments (email);

-- Who changed a payment, why and when. who: the operator's shell user, or the provider
-- (stripe, btcpay) for webhooks. at: the change's transaction time.
CREATE TABLE payment_audit (
    id      bigserial PRIMARY KEY,
    payment bigint NOT NULL REFERENCES payments (id),
    action  text NOT NULL CHECK (action IN ('added', 'invalidated', 'restored')),
    who     text NOT NULL CHECK (length(who) BETWEEN 1 AND 200),
    why     text NOT NULL DEFAULT '' CHECK (length(why) <= 1000),
    at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_audit_by_payment ON payment_audit (payment, id);

CREATE FUNCTION payment_change_is_audited() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    expected text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        expected := 'added';
    ELSIF NEW.invalidated IS DISTINCT FROM OLD.invalidated THEN
        expected := CASE WHEN NEW.invalidated THEN 'invalidated' ELSE 'restored' END;
    ELSE
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM payment_audit a WHERE a.payment = NEW.id AND a.action = expected AND a.at = now()) THEN
        RAISE EXCEPTION 'payment % was % without an audit row: use the payment: commands', NEW.id, expected;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER payments_are_audited AFTER INSERT OR UPDATE ON payments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payment_change_is_audited();

CREATE FUNCTION payment_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'payments are never deleted: invalidate the payment instead';
    END IF;
    IF (NEW.id, NEW.created, NEW.email, NEW.dollars) IS DISTINCT FROM (OLD.id, OLD.created, OLD.email, OLD.dollars) THEN
        RAISE EXCEPTION 'a recorded payment is never edited: invalidate it and add a new one';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER payments_are_kept BEFORE UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION payment_is_kept();

CREATE FUNCTION payment_audit_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the payment audit trail is never edited or deleted';
END
$$;
CREATE TRIGGER payment_audit_is_kept BEFORE UPDATE OR DELETE ON payment_audit
    FOR EACH ROW EXECUTE FUNCTION payment_audit_is_kept();

-- A provider's checkout (Stripe checkout session, BTCPay invoice) as its webhooks told us.
-- status: paid (its payment is payment), pending (completed, money not yet in), failed
-- (expired or failed: its payment, if any, is invalidated), unmatched (paid, but no payment
-- was made: note says why, e.g. no such account).
CREATE TABLE payment_sessions (
    provider text NOT NULL CHECK (provider IN ('stripe', 'btcpay')),
    id       text NOT NULL CHECK (length(id) BETWEEN 1 AND 255),
    email    text CHECK (length(email) <= 254),
    dollars  numeric(8, 2),
    status   text NOT NULL CHECK (status IN ('paid', 'pending', 'failed', 'unmatched')),
    payment  bigint UNIQUE REFERENCES payments (id),
    note     text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    created  timestamptz NOT NULL DEFAULT now(),
    updated  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, id)
);

-- Every webhook event acted on, keyed by the provider's event id: a second delivery of
-- the same event finds its row and changes nothing.
CREATE TABLE payment_events (
    provider text NOT NULL CHECK (provider IN ('stripe', 'btcpay')),
    id       text NOT NULL CHECK (length(id) BETWEEN 1 AND 255),
    type     text NOT NULL CHECK (length(type) <= 255),
    session  text,
    outcome  text NOT NULL CHECK (length(outcome) <= 1000),
    received timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, id)
);

-- What each size cost from when: usage is priced piecewise over the periods a VM ran, so
-- a new price never rewrites past usage. Seeded with today's prices as valid since always;
-- every later change of vm_sizes is recorded by the trigger below, at its transaction time.
CREATE TABLE vm_size_prices (
    size              text NOT NULL REFERENCES vm_sizes (id) ON DELETE CASCADE,
    dollars_per_month numeric(8, 2) NOT NULL CHECK (dollars_per_month > 0),
    effective_from    timestamptz NOT NULL,
    PRIMARY KEY (size, effective_from)
);
INSERT INTO vm_size_prices (size, dollars_per_month, effective_from)
    SELECT id, dollars_per_month, '-infinity' FROM vm_sizes;

CREATE FUNCTION vm_size_price_is_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO vm_size_prices (size, dollars_per_month, effective_from)
        VALUES (NEW.id, NEW.dollars_per_month, now())
        ON CONFLICT (size, effective_from) DO UPDATE SET dollars_per_month = EXCLUDED.dollars_per_month;
    RETURN NULL;
END
$$;
CREATE TRIGGER vm_size_prices_follow_inserts AFTER INSERT ON vm_sizes
    FOR EACH ROW EXECUTE FUNCTION vm_size_price_is_recorded();
CREATE TRIGGER vm_size_prices_follow_updates AFTER UPDATE OF dollars_per_month ON vm_sizes
    FOR EACH ROW WHEN (NEW.dollars_per_month IS DISTINCT FROM OLD.dollars_per_month)
    EXECUTE FUNCTION vm_size_price_is_recorded();

-- Messages to account holders, written in the transaction that decided them and delivered
-- afterwards (SMTP, or the log): a crash between the two delivers them on the next run.
CREATE TABLE billing_notices (
    id        bigserial PRIMARY KEY,
    email     text NOT NULL REFERENCES accounts (email),
    subject   text NOT NULL,
    body      text NOT NULL,
    created   timestamptz NOT NULL,
    delivered timestamptz
);
CREATE INDEX billing_notices_undelivered ON billing_notices (id) WHERE delivered IS NULL;

-- What the billing job already decided per account, so nothing is decided twice, across
-- restarts too: the warnings (week: zero within a week, day: within a day, zero: passed
-- zero) and the deletion of its VMs, each with the notice that told the account holder.
-- A level whose condition no longer holds is forgotten, so a later slide warns again.
CREATE TABLE billing_warnings (
    email   text NOT NULL REFERENCES accounts (email),
    level   text NOT NULL CHECK (level IN ('week', 'day', 'zero', 'deleted')),
    decided timestamptz NOT NULL,
    notice  bigint NOT NULL REFERENCES billing_notices (id),
    PRIMARY KEY (email, level)
);
