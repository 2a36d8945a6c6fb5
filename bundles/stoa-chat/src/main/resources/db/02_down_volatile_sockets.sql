DROP TABLE chat_volatile_sockets;
