-- Ids of the events this service has acted on, written in the transaction of the effect: a redelivered
-- event finds its id here and has no second effect.
CREATE TABLE processed_event (
    event_id      uuid         PRIMARY KEY,
    event_type    varchar(128) NOT NULL,
    topic         varchar(128) NOT NULL,
    processed_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE outreach_case (
    id                     uuid          PRIMARY KEY,
    partnership_id         uuid          NOT NULL,
    community_id           uuid          NOT NULL,
    community_name         varchar(300)  NOT NULL,
    community_state        varchar(2)    NOT NULL,
    partner_city_id        uuid          NOT NULL,
    partner_city_name      varchar(300)  NOT NULL,
    partner_city_region    varchar(300),
    partner_country        varchar(2)    NOT NULL,
    trigger_status         varchar(16)   NOT NULL CHECK (trigger_status IN ('UNDER_REVIEW', 'SUSPENDED', 'TERMINATED')),
    previous_status        varchar(16)   NOT NULL,
    reason_category        varchar(16)   NOT NULL,
    reason_text            varchar(4000),
    deciding_body          varchar(300),
    decision_reference     varchar(500),
    effective_date         date,
    triggering_event_id    uuid          NOT NULL UNIQUE,
    status                 varchar(16)   NOT NULL CHECK (status IN ('PREPARING', 'OPEN', 'RESOLVED')),
    outcome                varchar(16)   CHECK (outcome IN ('KEPT', 'REINSTATED', 'SUSPENDED', 'TERMINATED', 'CLOSED_BY_STAFF')),
    resolved_by            varchar(200),
    resolved_at            timestamptz,
    resolution_note        varchar(4000),
    opened_at              timestamptz   NOT NULL,
    prepared_at            timestamptz,
    prepare_attempts       integer       NOT NULL DEFAULT 0,
    next_prepare_at        timestamptz,
    prepare_claimed_until  timestamptz,
    last_error             varchar(2000),
    version                bigint        NOT NULL DEFAULT 0
);
-- A partnership has at most one case in progress; a new status closes the old case before opening another.
CREATE UNIQUE INDEX outreach_case_one_unresolved ON outreach_case (partnership_id) WHERE status <> 'RESOLVED';
CREATE INDEX outreach_case_page ON outreach_case (opened_at, id);
CREATE INDEX outreach_case_preparing ON outreach_case (next_prepare_at) WHERE status = 'PREPARING';
CREATE INDEX outreach_case_country ON outreach_case (partner_country, opened_at);

CREATE TABLE case_recipient (
    case_id  uuid         NOT NULL REFERENCES outreach_case (id),
    email    varchar(320) NOT NULL,
    name     varchar(200) NOT NULL,
    role     varchar(24)  NOT NULL,
    PRIMARY KEY (case_id, email)
);

CREATE TABLE case_policy (
    case_id         uuid          NOT NULL REFERENCES outreach_case (id),
    version_id      uuid          NOT NULL,
    document_id     uuid          NOT NULL,
    slug            varchar(200)  NOT NULL,
    title           varchar(500)  NOT NULL,
    version_number  integer       NOT NULL,
    attachment      varchar(64)      NOT NULL,
    position        integer       NOT NULL,
    PRIMARY KEY (case_id, version_id)
);

CREATE TABLE case_note (
    id          uuid          PRIMARY KEY,
    case_id     uuid          NOT NULL REFERENCES outreach_case (id),
    author      varchar(200)  NOT NULL,
    text        varchar(4000) NOT NULL,
    created_at  timestamptz   NOT NULL
);
CREATE INDEX case_note_case ON case_note (case_id, created_at);

-- The guard that makes a reminder once per case and period whatever the number of instances: the
-- instance whose insert wins sends it, the others find the row and do nothing.
CREATE TABLE case_reminder (
    case_id      uuid        NOT NULL REFERENCES outreach_case (id),
    period       integer     NOT NULL,
    reminded_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, period)
);

-- Attachment bytes, stored once per content however many emails carry them.
CREATE TABLE attachment (
    sha256        varchar(64)      PRIMARY KEY,
    filename      varchar(300)  NOT NULL,
    content_type  varchar(100)  NOT NULL,
    content       bytea         NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE broadcast (
    id                 uuid          PRIMARY KEY,
    subject            varchar(300)  NOT NULL,
    body_markdown      varchar       NOT NULL,
    attachments        varchar(2000) NOT NULL,
    audience_countries varchar(1000) NOT NULL,
    audience_statuses  varchar(200)  NOT NULL,
    audience_types     varchar(200)  NOT NULL,
    extra_addresses    varchar       NOT NULL,
    status             varchar(16)   NOT NULL CHECK (status IN ('PREPARING', 'SENDING', 'COMPLETED')),
    recipient_count    integer,
    created_by         varchar(200)  NOT NULL,
    created_at         timestamptz   NOT NULL,
    prepared_at        timestamptz,
    prepare_attempts   integer       NOT NULL DEFAULT 0,
    next_prepare_at    timestamptz,
    prepare_claimed_until timestamptz,
    last_error         varchar(2000)
);
CREATE INDEX broadcast_page ON broadcast (created_at, id);

-- Every email is a row before it is a message. dedupe_key names the (cause, recipient) pair, so an email is
-- queued once however often its cause is processed; message_id is fixed at queueing, so a re-send after a
-- crash carries the same Message-ID and receivers can recognise it.
CREATE TABLE email_delivery (
    id               uuid          PRIMARY KEY,
    dedupe_key       varchar(500)  NOT NULL UNIQUE,
    kind             varchar(24)   NOT NULL CHECK (kind IN ('CASE_OPENED', 'CASE_RESOLVED', 'CASE_REMINDER', 'BROADCAST')),
    case_id          uuid          REFERENCES outreach_case (id),
    broadcast_id     uuid          REFERENCES broadcast (id),
    message_id       varchar(300)  NOT NULL UNIQUE,
    recipient        varchar(320)  NOT NULL,
    reply_to         varchar(320),
    subject          varchar(500)  NOT NULL,
    text_body        varchar       NOT NULL,
    html_body        varchar       NOT NULL,
    attachments      varchar(1000) NOT NULL,
    priority         integer       NOT NULL,
    status           varchar(8)    NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL,
    claimed_until    timestamptz,
    last_error       varchar(2000),
    created_at       timestamptz   NOT NULL,
    sent_at          timestamptz
);
CREATE INDEX email_delivery_due ON email_delivery (priority, next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX email_delivery_case ON email_delivery (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX email_delivery_broadcast ON email_delivery (broadcast_id, status) WHERE broadcast_id IS NOT NULL;
