-- Table mapping changes (pause → apply the change → start again), one row per job, so that every Pipedeck instance
-- sharing the database shows a job's progress while the instance that started it carries it out. Holds no secret:
-- pipe ids and name, the starter's username, the tables' labels ("public.orders → public_orders") and the messages
-- the steps reported. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
create table table_mapping_job (
    -- A random UUID: the progress page's address.
    id                varchar(36)  not null,
    organization_id   varchar(64)  not null,
    service_id        varchar(64)  not null,
    pipe_id           varchar(64)  not null,
    pipe_name         varchar(255),
    owner_username    varchar(128) not null,
    -- JSON arrays of the labels of the tables added and removed, for the page.
    tables_added      text         not null,
    tables_removed    text         not null,
    -- RUNNING until the job ends as SUCCEEDED or FAILED; INTERRUPTED when its instance stopped renewing heartbeat_at.
    status            varchar(16)  not null,
    summary           varchar(4000),
    started_at        timestamp with time zone not null,
    finished_at       timestamp with time zone,
    -- The instance carrying the job out, and when it last said so (renewed while the job runs).
    instance_name     varchar(128) not null,
    heartbeat_at      timestamp with time zone not null,
    -- "organization/service/pipe" while the job runs, null once it ended. Unique, so one running job per pipe
    -- however many instances start one at once (NULLs never clash, on H2 and PostgreSQL alike).
    running_pipe      varchar(200),
    constraint table_mapping_job_pk primary key (id),
    constraint table_mapping_job_running_pipe_uk unique (running_pipe),
    constraint table_mapping_job_status_ck check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED')),
    constraint table_mapping_job_running_ck check (
        (status = 'RUNNING' and running_pipe is not null and finished_at is null)
        or (status <> 'RUNNING' and running_pipe is null and finished_at is not null))
);
create index table_mapping_job_pipe_ix on table_mapping_job (organization_id, service_id, pipe_id);
create index table_mapping_job_finished_ix on table_mapping_job (finished_at);

-- The five steps of each job (step_number 0 to 4): where each is, what it last reported, and when ClickHouse Cloud
-- refused, the HTTP status and requestId of its answer.
create table table_mapping_job_step (
    job_id       varchar(36)   not null,
    step_number  integer       not null,
    status       varchar(16)   not null,
    message      varchar(4000),
    http_status  integer,
    request_id   varchar(128),
    constraint table_mapping_job_step_pk primary key (job_id, step_number),
    constraint table_mapping_job_step_job_fk foreign key (job_id) references table_mapping_job (id) on delete cascade,
    constraint table_mapping_job_step_status_ck check (status in ('PENDING', 'RUNNING', 'DONE', 'SKIPPED', 'FAILED'))
);
