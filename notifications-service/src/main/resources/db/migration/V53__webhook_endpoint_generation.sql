-- The fan-out matches every event against the enabled endpoints. Rather than reading (and scanning) the endpoint
-- table per event, each instance keeps the endpoints in memory and checks one number per event: this row's
-- generation, raised in the same transaction as any change that could alter which endpoints match. It is a
-- table row, not a sequence, so that a change becomes visible to the check exactly when it commits.
CREATE TABLE webhook_endpoint_generation (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    generation  bigint  NOT NULL
);
INSERT INTO webhook_endpoint_generation (singleton, generation) VALUES (true, 0);

CREATE FUNCTION webhook_endpoint_generation_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE webhook_endpoint_generation SET generation = generation + 1;
    RETURN NULL;
END
$$;

-- Per row, so that the delivery engine's conditional updates that touch no row (failing_since, a disable whose
-- condition does not hold yet) do not invalidate every instance's copy; the columns are those matching reads.
CREATE TRIGGER webhook_endpoint_generation
    AFTER INSERT OR DELETE OR UPDATE OF event_types, countries, scope_all, communities, disabled_at
    ON webhook_endpoint FOR EACH ROW EXECUTE FUNCTION webhook_endpoint_generation_raise();
CREATE TRIGGER webhook_endpoint_generation_truncate
    AFTER TRUNCATE ON webhook_endpoint FOR EACH STATEMENT EXECUTE FUNCTION webhook_endpoint_generation_raise();
