-- Short login links: /login/<code> stands for a long token until it expires.
-- No foreign key to worlds: that table belongs to another module, migrated on its own.
CREATE TABLE login_links (
    code     varchar(24) PRIMARY KEY,
    world_id varchar(50) NOT NULL,
    domain   varchar(250) NOT NULL,
    token    text NOT NULL,
    expires  timestamptz NOT NULL,
    created  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_links_world ON login_links (world_id);
