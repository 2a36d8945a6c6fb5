-- Rows the hub and its spokes write for themselves: the hub lock's holder, and the spokes, each
-- of which registers itself at start (a new installation's own spoke among them). Marked as
-- server state (see stoa-db's 02_server_state), so db:restore into a new installation is not
-- refused for them; it replaces them with the backup's, and keeps a copy of what was there.
COMMENT ON TABLE hub_lock_holder IS 'stoa:server-state: which process holds the hub role';
COMMENT ON TABLE hosts IS 'stoa:server-state: the spokes, which register themselves at start';
