-- A removed spoke stays in the records: its operations and its deleted VMs name it. It stops
-- counting (no heartbeats, no offers, its token refused) and its URL is free for a new spoke;
-- its id stays taken, so the history never points at someone else.
ALTER TABLE hosts ADD COLUMN removed timestamptz;
ALTER TABLE hosts DROP CONSTRAINT hosts_https_url_key;
CREATE UNIQUE INDEX hosts_url_in_use ON hosts (https_url) WHERE removed IS NULL;
-- Every spoke the hub works with: the one place that says what "in service" means.
CREATE VIEW hosts_in_service AS SELECT * FROM hosts WHERE removed IS NULL;
