-- What every node writes about its own sockets and the cluster's messages, rebuilt as nodes run:
-- marked as server state (see stoa-db's 02_server_state), so db:restore does not take it for
-- data a user stored, and replaces it with the backup's.
COMMENT ON TABLE connection_counts IS 'stoa:server-state: open sockets per node and label, rewritten every few seconds';
COMMENT ON TABLE user_sockets IS 'stoa:server-state: which node holds which user''s socket';
COMMENT ON TABLE cluster_messages IS 'stoa:server-state: messages between nodes';
COMMENT ON TABLE connection_control_reports IS 'stoa:server-state: nodes'' answers to connections:drop and force-reload';
