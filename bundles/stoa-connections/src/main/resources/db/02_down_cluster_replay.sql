ALTER TABLE cluster_messages DROP COLUMN replay_channel;
