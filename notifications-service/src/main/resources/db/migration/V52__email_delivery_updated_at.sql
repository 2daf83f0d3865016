-- When an email's state last changed (queued, or the outcome of its latest attempt): the staff dashboard's
-- "failed in the last 24 hours" and its failure list need it; a row had only created_at and sent_at.
ALTER TABLE email_delivery ADD COLUMN updated_at timestamptz;
UPDATE email_delivery SET updated_at = COALESCE(sent_at, created_at);
ALTER TABLE email_delivery ALTER COLUMN updated_at SET DEFAULT now();
ALTER TABLE email_delivery ALTER COLUMN updated_at SET NOT NULL;
CREATE INDEX email_delivery_by_status ON email_delivery (status, created_at, id);
