CREATE TABLE community (
    id          uuid         PRIMARY KEY,
    name        varchar(200) NOT NULL,
    kind        varchar(16)  NOT NULL CHECK (kind IN ('CITY', 'COUNTY', 'STATE')),
    state       varchar(2)   NOT NULL,
    fips_code   varchar(10),
    gnis_code   varchar(10),
    created_at  timestamptz  NOT NULL,
    version     bigint       NOT NULL,
    UNIQUE (name, state, kind)
);

CREATE TABLE partner_city (
    id       uuid         PRIMARY KEY,
    name     varchar(200) NOT NULL,
    region   varchar(200),
    country  varchar(2)   NOT NULL,
    UNIQUE (name, country)
);

CREATE TABLE partnership (
    id                uuid        PRIMARY KEY,
    community_id      uuid        NOT NULL REFERENCES community (id),
    partner_city_id   uuid        NOT NULL REFERENCES partner_city (id),
    type              varchar(20) NOT NULL CHECK (type IN ('SISTER_CITY', 'SISTER_COUNTY', 'SISTER_STATE', 'FRIENDSHIP_CITY')),
    established_on    date,
    status            varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'UNDER_REVIEW', 'SUSPENDED', 'TERMINATED')),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           bigint      NOT NULL,
    UNIQUE (community_id, partner_city_id)
);
-- List filters and the keyset pagination order (created_at, id).
CREATE INDEX partnership_page ON partnership (created_at, id);
CREATE INDEX partnership_status ON partnership (status);
CREATE INDEX partnership_community ON partnership (community_id);
CREATE INDEX partnership_updated_at ON partnership (updated_at);
CREATE INDEX partner_city_country ON partner_city (country);

CREATE TABLE contact (
    id              uuid         PRIMARY KEY,
    partnership_id  uuid         NOT NULL REFERENCES partnership (id) ON DELETE CASCADE,
    role            varchar(24)  NOT NULL CHECK (role IN ('COMMUNITY_CONTACT', 'MUNICIPAL_OFFICE', 'COMMITTEE_CHAIR')),
    name            varchar(200) NOT NULL,
    email           varchar(320) NOT NULL,
    phone           varchar(40),
    position        integer      NOT NULL
);
CREATE INDEX contact_partnership ON contact (partnership_id, position);

-- Append-only: the application never updates or deletes a row, and the database refuses it too.
CREATE TABLE status_change (
    id                   uuid         PRIMARY KEY,
    partnership_id       uuid         NOT NULL REFERENCES partnership (id),
    sequence             integer      NOT NULL,
    from_status          varchar(16)  NOT NULL,
    to_status            varchar(16)  NOT NULL,
    reason_category      varchar(16)  NOT NULL CHECK (reason_category IN ('POLITICAL', 'ADMINISTRATIVE', 'INACTIVITY', 'FUNDING', 'OTHER')),
    reason_text          varchar(4000) NOT NULL,
    deciding_body        varchar(300) NOT NULL,
    decision_reference   varchar(500),
    effective_date       date         NOT NULL,
    actor                varchar(200) NOT NULL,
    occurred_at          timestamptz  NOT NULL,
    partnership_version  bigint       NOT NULL,
    UNIQUE (partnership_id, sequence)
);

CREATE FUNCTION status_change_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'status_change is append-only';
END
$$;
CREATE TRIGGER status_change_append_only
    BEFORE UPDATE OR DELETE ON status_change
    FOR EACH ROW EXECUTE FUNCTION status_change_is_append_only();

CREATE TABLE country_representative (
    id          uuid         PRIMARY KEY,
    country     varchar(2)   NOT NULL,
    name        varchar(200) NOT NULL,
    email       varchar(320) NOT NULL,
    title       varchar(200),
    created_at  timestamptz  NOT NULL,
    UNIQUE (country, email)
);
