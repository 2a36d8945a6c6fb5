-- Cluster-wide connection control: nodes share nothing but this database.

-- Each node's open sockets per label, rewritten every few seconds; a node's row that stops being
-- rewritten ages out, so a node that died stops counting.
CREATE TABLE connection_counts (
    node        text NOT NULL,
    label       text NOT NULL,
    connections integer NOT NULL CHECK (connections >= 0),
    updated     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (node, label)
);

-- The sockets of users whose world limits how many they may hold, so the limit holds across nodes.
CREATE TABLE user_sockets (
    socket_id text PRIMARY KEY,
    node      text NOT NULL,
    world_id  text NOT NULL,
    user_id   text NOT NULL,
    opened    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX user_sockets_by_user ON user_sockets (world_id, user_id, opened);
CREATE INDEX user_sockets_by_node ON user_sockets (node);

-- Cluster messages too long for a NOTIFY payload (8000 bytes): the notification carries the id.
CREATE TABLE cluster_messages (
    id      bigserial PRIMARY KEY,
    payload text NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
);

-- How far each node got with a drop or force-reload; the command that asked reads it.
CREATE TABLE connection_control_reports (
    request uuid NOT NULL,
    node    text NOT NULL,
    label   text NOT NULL,
    reached integer NOT NULL,
    total   integer NOT NULL,
    done    boolean NOT NULL,
    updated timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request, node)
);
