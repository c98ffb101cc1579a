package dev.pipedeck.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * The {@code curl} examples of the ClickPipes reference page the product was specified from
 * ({@code ../shared/seed/}), read as method, path under {@code /v1} and body, with the page's variables filled in.
 */
public final class SeedCurlExamples {

    public record Example(String method, String pathUnderV1, String body) {
        @Override
        public String toString() {
            return method + " " + pathUnderV1;
        }
    }

    private static final Path SEED = Path.of("../shared/seed/000_4f9d31aef86346c2.txt");
    private static final Pattern BLOCK = Pattern.compile("curl -u \"\\$KEY_ID:\\$KEY_SECRET\"(.*?)(?=curl -u|\\n```)", Pattern.DOTALL);
    private static final Pattern METHOD = Pattern.compile("-X (GET|POST|PATCH|PUT|DELETE)");
    private static final Pattern BODY = Pattern.compile("-d '(.*?)'", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("\"https://api\\.clickhouse\\.cloud/v1([^\"]+)\"");

    private SeedCurlExamples() {
    }

    public static List<Example> read(String organizationId, String serviceId, String pipeId) {
        Assumptions.assumeTrue(Files.isRegularFile(SEED),
                "Skipped: the reference page " + SEED + " is not beside the project (../shared is absent).");
        String page;
        try {
            page = Files.readString(SEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        Matcher block = BLOCK.matcher(page);
        while (block.find()) {
            String command = block.group(1);
            Matcher url = URL.matcher(command);
            if (!url.find()) {
                continue;
            }
            Matcher method = METHOD.matcher(command);
            Matcher body = BODY.matcher(command);
            String path = url.group(1).replace("$ORG_ID", organizationId).replace("$SERVICE_ID", serviceId)
                    .replace("$CLICKPIPE_ID", pipeId);
            examples.add(new Example(method.find() ? method.group(1) : "GET", path, body.find() ? body.group(1) : null));
        }
        return examples;
    }
}
