DROP TABLE connection_control_reports;
DROP TABLE cluster_messages;
DROP TABLE user_sockets;
DROP TABLE connection_counts;
