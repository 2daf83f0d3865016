-- Email subscriptions are matched in memory too (SubscriptionDirectory), under the same number as the webhook
-- endpoints, so that one read per transaction covers both. The table is renamed for what it now counts; the
-- endpoint triggers call the function by its identity and keep working after its rename.
ALTER TABLE webhook_endpoint_generation RENAME TO fan_out_generation;
ALTER FUNCTION webhook_endpoint_generation_raise() RENAME TO fan_out_generation_raise;

CREATE OR REPLACE FUNCTION fan_out_generation_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE fan_out_generation SET generation = generation + 1;
    RETURN NULL;
END
$$;

-- The columns a match reads: a confirmation, an unsubscription or a changed filter reaches the next event.
CREATE TRIGGER email_subscription_generation
    AFTER INSERT OR DELETE OR UPDATE OF email, status, event_types, countries, statuses
    ON email_subscription FOR EACH ROW EXECUTE FUNCTION fan_out_generation_raise();
CREATE TRIGGER email_subscription_generation_truncate
    AFTER TRUNCATE ON email_subscription FOR EACH STATEMENT EXECUTE FUNCTION fan_out_generation_raise();
