-- Idempotency-Key records, written in the same transaction as the effect they guard: a request that failed
-- leaves no key behind, a request that succeeded can always be replayed.
CREATE TABLE idempotency_key (
    caller           varchar(128) NOT NULL,
    idempotency_key  varchar(255) NOT NULL,
    request_hash     char(64)     NOT NULL,
    response_status  integer,
    response_body    text,
    location         varchar(512),
    etag             varchar(128),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
