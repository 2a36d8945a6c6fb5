-- What the WebSocket API needs: when a user last logged in, the fields venueless shows of a
-- user, who is in which room now, and a notice to every node when a world or its rooms change.
ALTER TABLE users ADD COLUMN last_login timestamptz;
ALTER TABLE users ADD COLUMN pretalx_id varchar(200);
ALTER TABLE users ADD COLUMN client_state jsonb NOT NULL DEFAULT '{}';

-- One socket in one room. node: the process holding the socket, so a node that died stops
-- counting once its connection reports age out.
CREATE TABLE room_views (
    socket_id text NOT NULL,
    room_id   uuid NOT NULL REFERENCES rooms (id),
    user_id   uuid NOT NULL REFERENCES users (id),
    node      text NOT NULL,
    started   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (socket_id, room_id)
);
CREATE INDEX room_views_by_room ON room_views (room_id);
CREATE INDEX room_views_by_node ON room_views (node);

-- Any change to a world or its rooms, by command, REST or SQL, reaches every node's sockets of
-- that world (the stoa_world_events channel of stoa-connections). Identical notices of one
-- transaction arrive once.
CREATE FUNCTION worlds_notify_world_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('stoa_world_events',
        json_build_object('world', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END, 'type', 'world.update', 'data', json_build_object())::text);
    RETURN NULL;
END
$$;
CREATE FUNCTION worlds_notify_room_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('stoa_world_events',
        json_build_object('world', CASE WHEN TG_OP = 'DELETE' THEN OLD.world_id ELSE NEW.world_id END, 'type', 'world.update', 'data', json_build_object())::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER worlds_changed AFTER INSERT OR UPDATE OR DELETE ON worlds
    FOR EACH ROW EXECUTE FUNCTION worlds_notify_world_changed();
CREATE TRIGGER rooms_changed AFTER INSERT OR UPDATE OR DELETE ON rooms
    FOR EACH ROW EXECUTE FUNCTION worlds_notify_room_changed();
