-- db:restore loads a backup only into a database that holds nothing a user stored. What the
-- server writes for itself does not count, and its owner says which tables hold that with this
-- mark in the table's comment (stoa:server-state); a restore replaces their rows with the
-- backup's. The installation's identity is made at the first start of every installation.
COMMENT ON TABLE stoa_installation IS 'stoa:server-state: this installation''s identity, made at its first start';
