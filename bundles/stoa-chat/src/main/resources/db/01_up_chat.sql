-- Chat: channels (one per chat room, and direct messages), their events, who is in them.
-- Worlds, rooms and users belong to stoa-worlds: they are referred to by id only, so chat can be
-- installed and removed without touching their tables.

-- Event ids come from one sequence, so they increase across every node of the cluster: clients page
-- with before_id and order what arrives by id.
CREATE SEQUENCE chat_event_ids;

-- A room's channel has the room's id (room_id = id); a direct message channel has none.
CREATE TABLE chat_channels (
    id       uuid PRIMARY KEY,
    world_id varchar(50) NOT NULL,
    room_id  uuid UNIQUE,
    created  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_channels_by_world ON chat_channels (world_id);

CREATE TABLE chat_events (
    id         bigint PRIMARY KEY DEFAULT nextval('chat_event_ids'),
    channel_id uuid NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
    timestamp  timestamptz NOT NULL DEFAULT now(),
    sender     uuid,
    event_type varchar(200) NOT NULL,
    content    jsonb NOT NULL,
    edited     timestamptz,
    -- An edit or delete is an event of its own naming the message it replaces; the message
    -- itself then carries the newest content.
    replaces   bigint REFERENCES chat_events (id) ON DELETE SET NULL
);
CREATE INDEX chat_events_by_channel ON chat_events (channel_id, id DESC);

CREATE TABLE chat_memberships (
    channel_id uuid NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL,
    -- Joined only while looking (a volatile room's chat): no member events, left when the last socket goes.
    volatile   boolean NOT NULL DEFAULT false,
    -- A direct message channel the user closed; it shows again with the next message.
    hidden     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX chat_memberships_by_user ON chat_memberships (user_id);

CREATE TABLE chat_reactions (
    event_id bigint NOT NULL REFERENCES chat_events (id) ON DELETE CASCADE,
    reaction text NOT NULL,
    user_id  uuid NOT NULL,
    created  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (event_id, reaction, user_id)
);

-- The newest event each user has read in each channel.
CREATE TABLE chat_read_pointers (
    user_id    uuid NOT NULL,
    channel_id uuid NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
    event_id   bigint NOT NULL,
    PRIMARY KEY (user_id, channel_id)
);

-- Messages that mention a user or reach them directly, until the user reads past them.
CREATE TABLE chat_notifications (
    event_id  bigint NOT NULL REFERENCES chat_events (id) ON DELETE CASCADE,
    recipient uuid NOT NULL,
    PRIMARY KEY (recipient, event_id)
);
