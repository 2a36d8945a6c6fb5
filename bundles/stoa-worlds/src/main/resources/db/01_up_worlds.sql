-- Worlds, rooms, users and their role grants, shaped as the venueless server keeps them.
CREATE TABLE worlds (
    id            varchar(50) PRIMARY KEY CHECK (id ~ '^[a-z0-9]+$'),
    title         varchar(300) NOT NULL,
    domain        varchar(250) UNIQUE,
    config        jsonb NOT NULL DEFAULT '{}',
    roles         jsonb NOT NULL,
    trait_grants  jsonb NOT NULL,
    locale        varchar(100) NOT NULL DEFAULT 'en',
    timezone      varchar(120) NOT NULL DEFAULT 'Europe/Berlin',
    feature_flags jsonb NOT NULL DEFAULT '["chat-moderation"]',
    created       timestamptz NOT NULL DEFAULT now(),
    updated       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rooms (
    id               uuid PRIMARY KEY,
    world_id         varchar(50) NOT NULL REFERENCES worlds (id),
    name             varchar(300) NOT NULL,
    description      text NOT NULL DEFAULT '',
    picture          text NOT NULL DEFAULT '',
    sorting_priority integer NOT NULL DEFAULT 0,
    import_id        varchar(100),
    pretalx_id       integer,
    trait_grants     jsonb NOT NULL DEFAULT '{}',
    module_config    jsonb NOT NULL DEFAULT '[]',
    deleted          boolean NOT NULL DEFAULT false,
    UNIQUE (world_id, import_id)
);
CREATE INDEX rooms_world ON rooms (world_id, sorting_priority);

CREATE TABLE users (
    id               uuid PRIMARY KEY,
    world_id         varchar(50) NOT NULL REFERENCES worlds (id),
    token_id         varchar(200),
    client_id        varchar(200),
    type             varchar(10) NOT NULL DEFAULT 'person' CHECK (type IN ('person', 'kiosk', 'anon')),
    traits           jsonb NOT NULL DEFAULT '[]',
    profile          jsonb NOT NULL DEFAULT '{}',
    moderation_state varchar(10) NOT NULL DEFAULT '' CHECK (moderation_state IN ('', 'silenced', 'banned')),
    deleted          boolean NOT NULL DEFAULT false,
    created          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (world_id, token_id),
    UNIQUE (world_id, client_id)
);

-- Roles granted to one user explicitly, on top of what their traits grant.
CREATE TABLE world_grants (
    world_id varchar(50) NOT NULL REFERENCES worlds (id),
    user_id  uuid NOT NULL REFERENCES users (id),
    role     varchar(200) NOT NULL,
    PRIMARY KEY (world_id, user_id, role)
);
CREATE TABLE room_grants (
    room_id uuid NOT NULL REFERENCES rooms (id),
    user_id uuid NOT NULL REFERENCES users (id),
    role    varchar(200) NOT NULL,
    PRIMARY KEY (room_id, user_id, role)
);

CREATE TABLE exhibitors (
    id                 uuid PRIMARY KEY,
    world_id           varchar(50) NOT NULL REFERENCES worlds (id),
    room_id            uuid NOT NULL REFERENCES rooms (id),
    name               varchar(190) NOT NULL,
    tagline            text NOT NULL DEFAULT '',
    short_text         text NOT NULL DEFAULT '',
    logo               text NOT NULL DEFAULT '',
    text               text NOT NULL DEFAULT '',
    text_content       jsonb,
    size               varchar(10) NOT NULL DEFAULT '',
    links              jsonb NOT NULL DEFAULT '[]',
    social_media_links jsonb NOT NULL DEFAULT '[]',
    sorting_priority   integer NOT NULL DEFAULT 0,
    UNIQUE (world_id, room_id, name)
);
