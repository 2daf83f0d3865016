-- The transactional outbox (Debezium's column set plus the relay's bookkeeping). Rows are written in the
-- same transaction as the business change; the relay publishes them to Kafka and stamps published_at.
CREATE TABLE outbox_event (
    id            uuid        PRIMARY KEY,
    seq           bigserial   NOT NULL UNIQUE,   -- insertion order; equals commit order per aggregate
    aggregatetype varchar(64) NOT NULL,
    aggregateid   varchar(64) NOT NULL,
    type          varchar(128) NOT NULL,
    payload       jsonb       NOT NULL,
    request_id    varchar(128),
    traceparent   varchar(64),
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at  timestamptz
);

-- The relay only ever scans unpublished rows in order: keep that scan tiny however large the table grows.
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- NOTIFY is delivered at commit, and identical notifications in one transaction fold into one: a single
-- wake-up per committed change set, never one for a rolled-back row.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_inserted
    AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
