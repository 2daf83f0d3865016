-- The policy library. Title and summary live on each version (they are part of what is published); the
-- document row carries the catalogue data (slug, owner, tags) and a copy of the current public title.
CREATE TABLE policy_document (
    id          uuid          PRIMARY KEY,
    slug        varchar(100)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title       varchar(300)  NOT NULL,
    summary     varchar(2000),
    owner       varchar(200)  NOT NULL,
    tags        text[]        NOT NULL DEFAULT '{}',
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    version     bigint        NOT NULL
);
-- The keyset pagination order (created_at, id), and tag filters.
CREATE INDEX policy_document_page ON policy_document (created_at, id);
CREATE INDEX policy_document_tags ON policy_document USING gin (tags);

CREATE TABLE policy_version (
    id                         uuid          PRIMARY KEY,
    document_id                uuid          NOT NULL REFERENCES policy_document (id),
    number                     integer       NOT NULL CHECK (number >= 1),
    status                     varchar(16)   NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    title                      varchar(300)  NOT NULL,
    summary                    varchar(2000),
    body                       text          NOT NULL,
    applies_statuses           text[]        NOT NULL DEFAULT '{}',
    applies_reason_categories  text[]        NOT NULL DEFAULT '{}',
    applies_countries          text[]        NOT NULL DEFAULT '{}',
    created_at                 timestamptz   NOT NULL,
    created_by                 varchar(200)  NOT NULL,
    published_at               timestamptz,
    published_by               varchar(200),
    retired_at                 timestamptz,
    retired_by                 varchar(200),
    replaced_by                uuid          REFERENCES policy_version (id),
    version                    bigint        NOT NULL,
    -- Full-text search over what a reader sees: the title weighs most, then the summary, then the body.
    search                     tsvector      GENERATED ALWAYS AS (
                                   setweight(to_tsvector('english', title), 'A')
                                   || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
                                   || setweight(to_tsvector('english', body), 'C')) STORED,
    UNIQUE (document_id, number)
);
-- At most one published version per document, whatever the application does: the last line of defence
-- behind the document row lock that serialises publications.
CREATE UNIQUE INDEX policy_version_one_published ON policy_version (document_id) WHERE status = 'PUBLISHED';
CREATE INDEX policy_version_search ON policy_version USING gin (search);

-- A published or retired version's content never changes (a change is a new version); the database refuses
-- it too, so no code path can rewrite what outreach already sent.
CREATE FUNCTION policy_version_content_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'DRAFT' AND (
           NEW.title IS DISTINCT FROM OLD.title
        OR NEW.summary IS DISTINCT FROM OLD.summary
        OR NEW.body IS DISTINCT FROM OLD.body
        OR NEW.applies_statuses IS DISTINCT FROM OLD.applies_statuses
        OR NEW.applies_reason_categories IS DISTINCT FROM OLD.applies_reason_categories
        OR NEW.applies_countries IS DISTINCT FROM OLD.applies_countries) THEN
        RAISE EXCEPTION 'policy version % is %: its content is immutable', OLD.id, OLD.status;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER policy_version_content_immutable
    BEFORE UPDATE ON policy_version
    FOR EACH ROW EXECUTE FUNCTION policy_version_content_is_immutable();

-- One PDF per version: the uploaded one, or the one rendered from the Markdown and cached here. Kept in the
-- database (at most a few MB each) so that it commits with the version and every instance sees it.
CREATE TABLE policy_pdf (
    version_id   uuid          PRIMARY KEY REFERENCES policy_version (id),
    source       varchar(16)   NOT NULL CHECK (source IN ('UPLOADED', 'RENDERED')),
    filename     varchar(255)  NOT NULL,
    size_bytes   bigint        NOT NULL CHECK (size_bytes > 0),
    sha256       char(64)      NOT NULL,
    content      bytea         NOT NULL,
    created_at   timestamptz   NOT NULL
);
