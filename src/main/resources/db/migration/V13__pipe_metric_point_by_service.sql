-- A service tile's health reads the recent points of one service's pipes: find them without scanning every
-- organization's points of the same minutes. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
create index pipe_metric_point_service_ix on pipe_metric_point (organization_id, service_id, bucket_start);
