-- State that several Pipedeck instances on one database share: HTTP sessions (Spring Session JDBC's tables, as its
-- PostgreSQL schema defines them; Pipedeck creates them here instead of letting Spring Session do it), the slots of
-- each API key's request budget, and leases that let one instance at a time run a background job.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- One row per slot of a key's request budget (budget_key: SHA-256 of the API base URL and key id). A request takes
-- a free slot (free_at in the past) before it is sent: free_at becomes the latest time the call could still be
-- running, then, when its answer came, that time plus the budget's window. version makes taking a slot a
-- compare-and-set, so two instances never take the same one.
create table request_budget_slot (
    budget_key varchar(64) not null,
    slot       integer     not null,
    free_at    timestamp with time zone not null,
    version    bigint      not null,
    holder     varchar(64),
    constraint request_budget_slot_pk primary key (budget_key, slot)
);

-- Who runs a background job (the metrics collector, alert evaluation) until when; renewed while it runs.
create table job_lease (
    job_name   varchar(64)  not null,
    holder     varchar(128) not null,
    expires_at timestamp with time zone not null,
    constraint job_lease_pk primary key (job_name)
);
