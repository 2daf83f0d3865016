-- Run once by the postgres image on an empty volume (docker-compose.yml): one database per service, owned
-- by the compose user, as design.md asks ("each service owns its PostgreSQL database").
CREATE DATABASE gateway;
CREATE DATABASE partnerships;
CREATE DATABASE policy;
CREATE DATABASE notifications;
