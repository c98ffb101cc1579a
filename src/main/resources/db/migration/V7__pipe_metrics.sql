-- Pipe health: what each organization's Prometheus scrape said about each pipe, one row per pipe per bucket.
-- Fresh points are one minute wide (resolution_minutes = 1); past pipedeck.health.full-resolution-for they are
-- folded into wider buckets (pipedeck.health.downsampled-resolution) that keep each bucket's last reading, and past
-- pipedeck.health.retention they are deleted. Counters are the upstream's running totals (rates are derived on
-- reading). Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
create table pipe_metric_point (
    pipe_id              varchar(64)  not null,
    resolution_minutes   integer      not null,
    -- Start of the bucket (UTC, whole minutes).
    bucket_start         timestamp with time zone not null,
    organization_id      varchar(64)  not null,
    service_id           varchar(64)  not null,
    pipe_name            varchar(512),
    -- clickpipe_state of ClickPipes_Info (Running, Stopped, Failed, ...), null when the scrape had none.
    state                varchar(32),
    fetched_events       double precision,
    sent_events          double precision,
    fetched_bytes        double precision,
    sent_bytes           double precision,
    errors               double precision,
    latency_ms           double precision,
    cpu_usage_millicores double precision,
    cpu_limit_millicores double precision,
    memory_usage_bytes   double precision,
    memory_limit_bytes   double precision,
    constraint pipe_metric_point_pk primary key (pipe_id, resolution_minutes, bucket_start),
    constraint pipe_metric_point_resolution_ck check (resolution_minutes > 0)
);
create index pipe_metric_point_bucket_ix on pipe_metric_point (bucket_start);
