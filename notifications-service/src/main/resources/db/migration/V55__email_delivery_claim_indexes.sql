-- The email claim takes queued rows in (priority, next_attempt_at) order and, apart from them, rows whose SENDING
-- lease expired. One index over both states made every claim walk, in that order, each in-flight SENDING row and
-- each dead entry left since the last vacuum before the first row it could take: 400-540 buffers per claim in the
-- benchmark record at 1adb34a. An index per state lets each half of the claim read only its own rows; a lease
-- that has not expired is not even visited, since the lease index is ordered by its end.
DROP INDEX email_delivery_due;
CREATE INDEX email_delivery_queued ON email_delivery (priority, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX email_delivery_lease ON email_delivery (claimed_until) WHERE status = 'SENDING';
