-- The sockets, on every node, that look at a chat their user is only a volatile member of: the
-- membership ends when the user's last such socket goes, whichever node it was on. Rows of nodes
-- that stopped reporting do not count.
CREATE TABLE chat_volatile_sockets (
    channel_id uuid NOT NULL REFERENCES chat_channels (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL,
    socket_id  varchar(200) NOT NULL,
    node_id    varchar(200) NOT NULL,
    PRIMARY KEY (channel_id, user_id, socket_id)
);
CREATE INDEX chat_volatile_sockets_by_node ON chat_volatile_sockets (node_id);
