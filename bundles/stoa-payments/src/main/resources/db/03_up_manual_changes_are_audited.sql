-- capsul's operators fix a payment by hand (`sql -c "UPDATE payments SET invalidated = True
-- WHERE id = 1"`), and its docs teach them so. 01 refused such a change for want of an audit
-- row; now the database writes that row itself, so the documented workflow works and the trail
-- stays complete. Who: the session setting stoa.user (db:sql sets it to the shell user), else
-- the database role. Why: stoa.reason (e.g. `SET stoa.reason = 'chargeback'` in the same
-- transaction), else 'manual SQL'. A change that wrote its own row (the payment: commands, the
-- webhooks) is left as it is. Deleting and editing payments stay refused (payment_is_kept).
CREATE OR REPLACE FUNCTION payment_change_is_audited() RETURNS trigger LANGUAGE plpgsql AS $$
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
        INSERT INTO payment_audit (payment, action, who, why) VALUES (
            NEW.id, expected,
            left(coalesce(nullif(btrim(current_setting('stoa.user', true)), ''), session_user::text), 200),
            left(coalesce(nullif(btrim(current_setting('stoa.reason', true)), ''), 'manual SQL'), 1000));
    END IF;
    RETURN NULL;
END
$$;
