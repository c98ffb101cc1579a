-- Creation wizards in progress, one row each, for their owner only. values_json holds the plain values typed so far
-- (a JSON object of strings, never a secret). The secrets typed are kept as ONE AES-256-GCM ciphertext (Tink) of a
-- JSON object of them all, bound to the row ("wizard_draft:<id>"), and dropped (null) once the pipe is created; the
-- row goes when the draft is discarded or expires. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
create table wizard_draft (
    -- A random UUID: the wizard's address, unguessable.
    id                 varchar(36)  primary key,
    owner              varchar(128) not null,
    organization_id    varchar(64)  not null,
    service_id         varchar(64)  not null,
    source_kind        varchar(64)  not null,
    source_type        varchar(64),
    step               integer      not null,
    values_json        text         not null,
    secrets_ciphertext text,
    -- OPEN while being filled in, CREATING while one Create call is under way (taken by a conditional update, so a
    -- double click sends one), CREATED once the pipe exists (created_pipe_id).
    status             varchar(16)  not null,
    created_pipe_id    varchar(64),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    -- Each save moves it on (pipedeck.wizard.draft-ttl); expired rows are ignored, then deleted.
    expires_at         timestamp with time zone not null,
    constraint wizard_draft_status_ck check (status in ('OPEN', 'CREATING', 'CREATED')),
    constraint wizard_draft_step_ck check (step > 0),
    constraint wizard_draft_created_ck check (status = 'CREATED' or created_pipe_id is null),
    constraint wizard_draft_no_secrets_when_created_ck check (status <> 'CREATED' or secrets_ciphertext is null)
);
create index wizard_draft_owner_ix on wizard_draft (owner);
create index wizard_draft_expires_ix on wizard_draft (expires_at);
