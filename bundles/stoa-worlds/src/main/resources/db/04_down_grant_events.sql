DROP TRIGGER room_grants_changed ON room_grants;
DROP TRIGGER world_grants_changed ON world_grants;
DROP FUNCTION worlds_notify_grants_changed();
