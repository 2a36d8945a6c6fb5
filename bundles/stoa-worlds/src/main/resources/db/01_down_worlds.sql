DROP TABLE exhibitors;
DROP TABLE room_grants;
DROP TABLE world_grants;
DROP TABLE users;
DROP TABLE rooms;
DROP TABLE worlds;
