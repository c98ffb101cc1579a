-- API keys the built-in sandbox (dev.pipedeck.sandbox) issued. Only a SHA-256 hash of each secret is kept
-- ("{sha256}" + 64 hex digits); the secret is shown once, to whoever asked for the key.
create table sandbox_key (
    id          varchar(36)  primary key,
    key_id      varchar(64)  not null,
    name        varchar(100) not null,
    secret_hash varchar(128) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone
);
create unique index sandbox_key_key_id_uk on sandbox_key (key_id);
