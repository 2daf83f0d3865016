-- Webhook endpoints of municipal systems and headquarters. The secret must be readable to sign with, so it
-- is stored as issued; previous_secret keeps signing next to it until previous_secret_until (rotation overlap).
-- scope_all: the endpoint sees every event (headquarters); otherwise only events about its communities.
CREATE TABLE webhook_endpoint (
    id                     uuid          PRIMARY KEY,
    url                    varchar(2000) NOT NULL,
    description            varchar(500)  NOT NULL,
    event_types            varchar(1000) NOT NULL,
    countries              varchar(1000) NOT NULL,
    ordered                boolean       NOT NULL,
    owner_subject          varchar(200)  NOT NULL,
    owner_email            varchar(320)  NOT NULL,
    scope_all              boolean       NOT NULL,
    communities            varchar(4000) NOT NULL,
    secret                 varchar(200)  NOT NULL,
    previous_secret        varchar(200),
    previous_secret_until  timestamptz,
    disabled_at            timestamptz,
    disabled_reason        varchar(500),
    disabled_notified_at   timestamptz,
    failing_since          timestamptz,
    created_at             timestamptz   NOT NULL,
    version                bigint        NOT NULL DEFAULT 0
);
CREATE INDEX webhook_endpoint_page ON webhook_endpoint (created_at, id);

-- One message per (event, endpoint): the unique key makes a redelivered event create nothing. webhook_id is the
-- Standard Webhooks id, the same on every attempt. seq orders an endpoint's messages (ordering option).
CREATE TABLE webhook_message (
    id               uuid          PRIMARY KEY,
    seq              bigserial     NOT NULL UNIQUE,
    endpoint_id      uuid          NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id         uuid          NOT NULL,
    event_type       varchar(64)   NOT NULL,
    ordering_key     uuid,
    webhook_id       varchar(64)   NOT NULL,
    body             varchar       NOT NULL,
    status           varchar(12)   NOT NULL CHECK (status IN ('PENDING', 'DELIVERING', 'DELIVERED', 'FAILED')),
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL,
    claimed_until    timestamptz,
    last_status      integer,
    last_error       varchar(2000),
    created_at       timestamptz   NOT NULL,
    delivered_at     timestamptz,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_message_due ON webhook_message (endpoint_id, seq) WHERE status IN ('PENDING', 'DELIVERING');
CREATE INDEX webhook_message_endpoint ON webhook_message (endpoint_id, created_at, id);
CREATE INDEX webhook_message_inflight ON webhook_message (endpoint_id) WHERE status = 'DELIVERING';
CREATE INDEX webhook_message_ordering ON webhook_message (endpoint_id, ordering_key, seq) WHERE status IN ('PENDING', 'DELIVERING');

-- The delivery log: one row per attempt.
CREATE TABLE webhook_attempt (
    id             uuid          PRIMARY KEY,
    message_id     uuid          NOT NULL REFERENCES webhook_message (id) ON DELETE CASCADE,
    attempted_at   timestamptz   NOT NULL,
    status_code    integer,
    latency_ms     integer       NOT NULL,
    response_body  varchar(2000),
    error          varchar(2000)
);
CREATE INDEX webhook_attempt_message ON webhook_attempt (message_id, attempted_at);

-- Webhook and subscription emails go through the durable email pipeline of part 1; they need their own kinds
-- and, for subscription notices, List-Unsubscribe headers. The kind check becomes a shape check so that
-- adding a kind is a code change only and cannot collide with another migration's list of kinds.
ALTER TABLE email_delivery DROP CONSTRAINT IF EXISTS email_delivery_kind_check;
ALTER TABLE email_delivery ADD CONSTRAINT email_delivery_kind_shape CHECK (kind ~ '^[A-Z_]{1,24}$');
ALTER TABLE email_delivery ADD COLUMN extra_headers varchar(4000);
