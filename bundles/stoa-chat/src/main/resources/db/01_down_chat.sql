DROP TABLE chat_notifications;
DROP TABLE chat_read_pointers;
DROP TABLE chat_reactions;
DROP TABLE chat_memberships;
DROP TABLE chat_events;
DROP TABLE chat_channels;
DROP SEQUENCE chat_event_ids;
