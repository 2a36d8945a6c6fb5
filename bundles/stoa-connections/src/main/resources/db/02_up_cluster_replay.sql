-- Messages a node must get even when it was cut off while they were sent (drop, force-reload):
-- kept with their channel, and read again by a node that reconnects, from the last id it saw.
ALTER TABLE cluster_messages ADD COLUMN replay_channel text;
