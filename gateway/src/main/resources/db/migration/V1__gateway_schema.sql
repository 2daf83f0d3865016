-- API keys: only a SHA-256 of the key is kept; the prefix is the non-secret start of the key, shown in lists.
create table api_key (
    id           uuid primary key,
    prefix       varchar(16)  not null,
    key_hash     varchar(64)  not null unique,
    name         varchar(200) not null,
    owner        varchar(200) not null,
    role         varchar(32)  not null,
    countries    jsonb        not null default '[]',
    communities  jsonb        not null default '[]',
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    replaced_by  uuid references api_key (id)
);
create index api_key_owner_idx on api_key (owner);

create table staff_account (
    id            uuid primary key,
    username      varchar(100) not null unique,
    password_hash varchar(100) not null,
    role          varchar(32)  not null,
    countries     jsonb        not null default '[]',
    communities   jsonb        not null default '[]',
    failed_logins integer      not null default 0,
    locked_until  timestamptz,
    created_at    timestamptz  not null,
    last_login_at timestamptz
);

-- Sessions are rows, not signed cookies, so that logout and lock-out end them.
create table staff_session (
    id         uuid primary key,
    token_hash varchar(64) not null unique,
    account_id uuid        not null references staff_account (id) on delete cascade,
    csrf_token varchar(64) not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index staff_session_expires_idx on staff_session (expires_at);

-- Token signing keys. A key is published from creation, signs from activates_at, and is published until retires_at.
create table signing_key (
    kid          varchar(64) primary key,
    private_key  text        not null,
    public_key   text        not null,
    created_at   timestamptz not null,
    activates_at timestamptz not null,
    retires_at   timestamptz
);
