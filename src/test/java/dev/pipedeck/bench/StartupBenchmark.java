package dev.pipedeck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.pipedeck.testsupport.PipedeckProcess;

/**
 * Start-up time and idle memory of the packaged application ({@code target/pipedeck-*.jar}, so run
 * {@code ./mvnw -q -DskipTests package} first), each way it can be started: {@code java -jar} on the JDK running the
 * benchmark, the same on another JDK ({@code -Dpipedeck.bench.java=/path/to/bin/java}), and on that JDK from the
 * extracted jar with a Class Data Sharing archive (JDK 17–24) or an AOT cache (JDK 25+) made by a training run.
 * Each way starts several times on an empty data directory (embedded H2), timing until
 * {@code /actuator/health/readiness} answers UP, then reads the resident memory after 15 s idle. Not part of
 * {@code ./mvnw verify}: {@code ./mvnw -q test -Dtest=StartupBenchmark -Dpipedeck.bench=true}.
 */
@EnabledIfSystemProperty(named = "pipedeck.bench", matches = "true")
class StartupBenchmark {

    static final int RUNS = Integer.getInteger("pipedeck.bench.runs", 3);

    @TempDir
    Path work;

    record Measured(String way, List<Double> seconds, List<Double> rssMiB) {
    }

    @Test
    void startUpAndIdleMemory() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("pipedeck-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run ./mvnw -q -DskipTests package first"));
        }
        String here = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String other = System.getProperty("pipedeck.bench.java", here);
        List<Measured> results = new ArrayList<>();
        results.add(measure("java -jar (" + version(here) + ")", List.of(here, "-jar", jar.toAbsolutePath().toString())));
        if (!other.equals(here)) {
            results.add(measure("java -jar (" + version(other) + ")",
                    List.of(other, "-jar", jar.toAbsolutePath().toString())));
        }
        Path extracted = work.resolve("application");
        run(List.of(other, "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
                extracted.toString()), work);
        Path app = extracted.resolve(jar.getFileName());
        boolean aot = Integer.parseInt(version(other).replaceAll("\\D", "")) >= 25;
        Path cache = extracted.resolve(aot ? "app.aot" : "app.jsa");
        List<String> training = new ArrayList<>(List.of(other,
                aot ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache,
                "-Dspring.context.exit=onRefresh", "-jar", app.toString(),
                "--pipedeck.data-dir=" + work.resolve("training")));
        run(training, extracted);
        assertThat(cache).exists();
        results.add(measure((aot ? "extracted + AOT cache (" : "extracted + CDS archive (") + version(other) + ")",
                List.of(other, aot ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache, "-jar",
                        app.toString())));

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%n| way (%d runs, %d cores) | ready after (s) | RSS idle 15 s (MiB) |%n|---|---|---|%n", RUNS,
                Runtime.getRuntime().availableProcessors()));
        for (Measured measured : results) {
            report.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", measured.way(), range(measured.seconds()),
                    range(measured.rssMiB())));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "startup-report.md"), report.toString());
    }

    private Measured measure(String way, List<String> command) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            int port = PipedeckProcess.freePort();
            Path data = Files.createTempDirectory(work, "data");
            List<String> full = new ArrayList<>(command);
            full.add("--server.port=" + port);
            full.add("--pipedeck.data-dir=" + data);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(data.resolve("out.log").toFile()).start();
            try {
                PipedeckProcess.waitUntilReady(process, port, data.resolve("out.log"));
                seconds.add((System.nanoTime() - started) / 1e9);
                Thread.sleep(15_000);
                rss.add(PipedeckProcess.residentMiB(process.pid()));
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        return new Measured(way, seconds, rss);
    }

    private static void run(List<String> command, Path directory) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("step.log").toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(directory.resolve("step.log"))).isZero();
    }

    private static String version(String java) throws Exception {
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return "JDK " + out.replaceAll("(?s).*?version \"([0-9]+)[^\"]*\".*", "$1");
    }

    private static String range(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, "%.1f–%.1f", min, max);
    }
}
