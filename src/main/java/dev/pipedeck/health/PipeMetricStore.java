package dev.pipedeck.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rolling history of pipe readings ({@code pipe_metric_point}): one point per pipe per minute, written again if
 * the same minute is scraped twice; a maintenance job folds points older than
 * {@link HealthProperties#fullResolutionFor()} into {@link HealthProperties#downsampledResolution()} buckets (each
 * keeps its bucket's last reading: counters are running totals, so rates stay right) and deletes points older than
 * {@link HealthProperties#retention()}.
 */
@Component
public class PipeMetricStore {

    private static final Logger log = LoggerFactory.getLogger(PipeMetricStore.class);

    private static final String COLUMNS = "bucket_start, resolution_minutes, state, fetched_events, sent_events, "
            + "fetched_bytes, sent_bytes, errors, latency_ms, cpu_usage_millicores, cpu_limit_millicores, "
            + "memory_usage_bytes, memory_limit_bytes";

    /** Pipe ids bound in one query at most (well under any database's limit on parameters). */
    static final int IDS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final HealthProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public PipeMetricStore(JdbcTemplate jdbc, HealthProperties properties, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Stores {@code pipes} as the one-minute points of the minute {@code at} falls in (replacing earlier ones). */
    public void record(List<PipeMetrics> pipes, Instant at) {
        OffsetDateTime minute = utc(at.truncatedTo(ChronoUnit.MINUTES));
        transaction.executeWithoutResult(status -> {
            for (PipeMetrics pipe : pipes) {
                int updated = jdbc.update("update pipe_metric_point set organization_id = ?, service_id = ?, "
                        + "pipe_name = ?, state = ?, fetched_events = ?, sent_events = ?, fetched_bytes = ?, "
                        + "sent_bytes = ?, errors = ?, latency_ms = ?, cpu_usage_millicores = ?, "
                        + "cpu_limit_millicores = ?, memory_usage_bytes = ?, memory_limit_bytes = ? "
                        + "where pipe_id = ? and resolution_minutes = 1 and bucket_start = ?",
                        pipe.organizationId(), pipe.serviceId(), pipe.pipeName(), pipe.state(),
                        pipe.fetchedEvents(), pipe.sentEvents(), pipe.fetchedBytes(), pipe.sentBytes(),
                        pipe.errors(), pipe.latencyMillis(), pipe.cpuUsageMillicores(), pipe.cpuLimitMillicores(),
                        pipe.memoryUsageBytes(), pipe.memoryLimitBytes(), pipe.pipeId(), minute);
                if (updated == 0) {
                    insert(pipe.pipeId(), 1, minute, pipe.organizationId(), pipe.serviceId(), pipe.pipeName(),
                            new MetricPoint(minute.toInstant(), 1, pipe.state(), pipe.fetchedEvents(),
                                    pipe.sentEvents(), pipe.fetchedBytes(), pipe.sentBytes(), pipe.errors(),
                                    pipe.latencyMillis(), pipe.cpuUsageMillicores(), pipe.cpuLimitMillicores(),
                                    pipe.memoryUsageBytes(), pipe.memoryLimitBytes()));
                }
            }
        });
    }

    /** The points of {@code pipeId} whose bucket starts at or after {@code since}, oldest first. */
    public List<MetricPoint> points(String pipeId, Instant since) {
        return jdbc.query("select " + COLUMNS + " from pipe_metric_point where pipe_id = ? and bucket_start >= ? "
                + "order by bucket_start, resolution_minutes", PipeMetricStore::point, pipeId, utc(since));
    }

    /**
     * The pipes with a point at or after {@code since}, each with the organization, service and name of its latest
     * point, ordered by pipe id.
     */
    public List<SeenPipe> pipesSeenSince(Instant since) {
        Map<String, SeenPipe> pipes = new LinkedHashMap<>();
        jdbc.query("select p.pipe_id, p.organization_id, p.service_id, p.pipe_name, p.bucket_start "
                + "from pipe_metric_point p join (select pipe_id, max(bucket_start) as latest from pipe_metric_point "
                + "where bucket_start >= ? group by pipe_id) l on l.pipe_id = p.pipe_id and l.latest = p.bucket_start "
                + "order by p.pipe_id", rs -> {
                    pipes.putIfAbsent(rs.getString("pipe_id"), new SeenPipe(rs.getString("pipe_id"),
                            rs.getString("organization_id"), rs.getString("service_id"), rs.getString("pipe_name"),
                            rs.getObject("bucket_start", OffsetDateTime.class).toInstant()));
                }, utc(since));
        return List.copyOf(pipes.values());
    }

    /**
     * The points of each of {@code pipeIds} whose bucket starts at or after {@code since}, oldest first, by pipe id,
     * read in one query (up to {@value #IDS_PER_QUERY} ids; more take one query per that many). Pipes without points
     * are absent.
     */
    public Map<String, List<MetricPoint>> points(Collection<String> pipeIds, Instant since) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(pipeIds));
        Map<String, List<MetricPoint>> byPipe = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            List<Object> arguments = new ArrayList<>(chunk);
            arguments.add(utc(since));
            jdbc.query("select pipe_id, " + COLUMNS + " from pipe_metric_point where pipe_id in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") and bucket_start >= ? "
                    + "order by pipe_id, bucket_start, resolution_minutes", rs -> {
                        byPipe.computeIfAbsent(rs.getString("pipe_id"), id -> new ArrayList<>()).add(point(rs, 0));
                    }, arguments.toArray());
        }
        return byPipe;
    }

    /**
     * Every pipe of one service that has points at or after {@code since}, with those points (oldest first) and its
     * newest name, read in one query; ordered by pipe id.
     */
    public List<PipeHistory> pointsOfService(String organizationId, String serviceId, Instant since) {
        Map<String, List<MetricPoint>> byPipe = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.query("select pipe_id, pipe_name, " + COLUMNS + " from pipe_metric_point where organization_id = ? "
                + "and service_id = ? and bucket_start >= ? order by pipe_id, bucket_start, resolution_minutes",
                rs -> {
                    String pipeId = rs.getString("pipe_id");
                    byPipe.computeIfAbsent(pipeId, id -> new ArrayList<>()).add(point(rs, 0));
                    String name = rs.getString("pipe_name");
                    if (name != null) {
                        names.put(pipeId, name);
                    }
                }, organizationId, serviceId, utc(since));
        List<PipeHistory> histories = new ArrayList<>(byPipe.size());
        byPipe.forEach((pipeId, points) -> histories.add(new PipeHistory(pipeId, names.get(pipeId), points)));
        return histories;
    }

    @Scheduled(fixedDelayString = "${pipedeck.health.maintenance-interval:10m}",
            initialDelayString = "${pipedeck.health.maintenance-interval:10m}")
    public void maintainOnSchedule() {
        maintain();
    }

    /** Downsamples points older than the full-resolution span and deletes those older than the retention. */
    public void maintain() {
        Instant now = clock.instant();
        Instant fullResolutionCutoff = now.minus(properties.fullResolutionFor());
        Instant retentionCutoff = now.minus(properties.retention());
        int resolution = (int) properties.downsampledResolution().toMinutes();
        transaction.executeWithoutResult(status -> {
            int expired = jdbc.update("delete from pipe_metric_point where bucket_start < ?", utc(retentionCutoff));
            int folded = resolution > 1 ? downsample(fullResolutionCutoff, resolution) : 0;
            if (expired > 0 || folded > 0) {
                log.debug("Pipe metrics: {} points expired, {} folded into {}-minute buckets", expired, folded,
                        resolution);
            }
        });
    }

    private int downsample(Instant cutoff, int resolution) {
        Duration bucket = Duration.ofMinutes(resolution);
        Map<String, Map<Instant, Folded>> byPipe = new LinkedHashMap<>();
        jdbc.query("select pipe_id, organization_id, service_id, pipe_name, " + COLUMNS + " from pipe_metric_point "
                + "where resolution_minutes < ? and bucket_start < ? order by pipe_id, bucket_start", rs -> {
                    MetricPoint point = point(rs, 0);
                    Instant start = floor(point.bucketStart(), bucket);
                    byPipe.computeIfAbsent(rs.getString("pipe_id"), id -> new LinkedHashMap<>())
                            .put(start, new Folded(rs.getString("organization_id"), rs.getString("service_id"),
                                    rs.getString("pipe_name"), point));
                }, resolution, utc(cutoff));
        int folded = jdbc.update("delete from pipe_metric_point where resolution_minutes < ? and bucket_start < ?",
                resolution, utc(cutoff));
        byPipe.forEach((pipeId, buckets) -> buckets.forEach((start, last) -> {
            jdbc.update("delete from pipe_metric_point where pipe_id = ? and resolution_minutes = ? "
                    + "and bucket_start = ?", pipeId, resolution, utc(start));
            insert(pipeId, resolution, utc(start), last.organizationId(), last.serviceId(), last.pipeName(),
                    last.point());
        }));
        return folded;
    }

    /** The last reading of a bucket, with the pipe's identity. */
    private record Folded(String organizationId, String serviceId, String pipeName, MetricPoint point) {
    }

    private void insert(String pipeId, int resolution, OffsetDateTime bucketStart, String organizationId,
            String serviceId, String pipeName, MetricPoint p) {
        jdbc.update("insert into pipe_metric_point (pipe_id, resolution_minutes, bucket_start, organization_id, "
                + "service_id, pipe_name, state, fetched_events, sent_events, fetched_bytes, sent_bytes, errors, "
                + "latency_ms, cpu_usage_millicores, cpu_limit_millicores, memory_usage_bytes, memory_limit_bytes) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pipeId, resolution, bucketStart,
                organizationId, serviceId, pipeName, p.state(), p.fetchedEvents(), p.sentEvents(), p.fetchedBytes(),
                p.sentBytes(), p.errors(), p.latencyMillis(), p.cpuUsageMillicores(), p.cpuLimitMillicores(),
                p.memoryUsageBytes(), p.memoryLimitBytes());
    }

    private static Instant floor(Instant instant, Duration bucket) {
        long seconds = bucket.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    private static MetricPoint point(ResultSet rs, int row) throws SQLException {
        return new MetricPoint(rs.getObject("bucket_start", OffsetDateTime.class).toInstant(),
                rs.getInt("resolution_minutes"), rs.getString("state"), number(rs, "fetched_events"),
                number(rs, "sent_events"), number(rs, "fetched_bytes"), number(rs, "sent_bytes"),
                number(rs, "errors"), number(rs, "latency_ms"), number(rs, "cpu_usage_millicores"),
                number(rs, "cpu_limit_millicores"), number(rs, "memory_usage_bytes"),
                number(rs, "memory_limit_bytes"));
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
