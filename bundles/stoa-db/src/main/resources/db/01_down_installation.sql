DROP TABLE stoa_installation;
