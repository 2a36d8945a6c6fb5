DROP TRIGGER rooms_changed ON rooms;
DROP TRIGGER worlds_changed ON worlds;
DROP FUNCTION worlds_notify_room_changed();
DROP FUNCTION worlds_notify_world_changed();
DROP TABLE room_views;
ALTER TABLE users DROP COLUMN client_state;
ALTER TABLE users DROP COLUMN pretalx_id;
ALTER TABLE users DROP COLUMN last_login;
