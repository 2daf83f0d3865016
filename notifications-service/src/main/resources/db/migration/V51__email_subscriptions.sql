-- Public email subscriptions with double opt-in. Filters are comma-separated lists; empty means all.
CREATE TABLE email_subscription (
    id                uuid          PRIMARY KEY,
    email             varchar(320)  NOT NULL,
    event_types       varchar(1000) NOT NULL,
    countries         varchar(1000) NOT NULL,
    statuses          varchar(200)  NOT NULL,
    status            varchar(12)   NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'UNSUBSCRIBED')),
    created_at        timestamptz   NOT NULL,
    confirmed_at      timestamptz,
    unsubscribed_at   timestamptz
);
CREATE INDEX email_subscription_active ON email_subscription (status) WHERE status = 'ACTIVE';
