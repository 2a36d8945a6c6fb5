-- A role granted to a user or taken away (world_grants, room_grants; by SQL today) reaches that
-- user's open sockets on every node at once, as a ban does: the sockets read the user's grants
-- again (stoa_world_events, type user.grants_changed).
CREATE FUNCTION worlds_notify_grants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_user uuid;
    changed_world varchar(50);
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed_user := OLD.user_id;
    ELSE
        changed_user := NEW.user_id;
    END IF;
    SELECT world_id INTO changed_world FROM users WHERE id = changed_user;
    PERFORM pg_notify('stoa_world_events', json_build_object('world', changed_world, 'type', 'user.grants_changed',
        'data', json_build_object('user', changed_user))::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER world_grants_changed AFTER INSERT OR UPDATE OR DELETE ON world_grants
    FOR EACH ROW EXECUTE FUNCTION worlds_notify_grants_changed();
CREATE TRIGGER room_grants_changed AFTER INSERT OR UPDATE OR DELETE ON room_grants
    FOR EACH ROW EXECUTE FUNCTION worlds_notify_grants_changed();
