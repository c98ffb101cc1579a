package dev.pipedeck.cloud;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import reactor.core.publisher.Mono;

/**
 * Sends one call to ClickHouse Cloud: Basic auth, the response timeout on every try, and the repeats its
 * {@link RetryPolicy} allows. Answers come back raw whatever their status; only a call that got no answer fails, with
 * {@link CloudUnavailableException}.
 */
final class CloudTransport {

    private static final Logger log = LoggerFactory.getLogger(CloudTransport.class);
    /** Answers are read whole into memory; long lists of pipes or services must still fit. */
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final Duration UNSTATED_RATE_LIMIT_WAIT = Duration.ofSeconds(1);

    private final WebClient webClient;
    private final CloudClientProperties properties;
    private final RateBudgets budgets;
    private final ReadCache reads;
    private final UnansweredInRequest unanswered = new UnansweredInRequest();

    CloudTransport(WebClient.Builder webClientBuilder, CloudClientProperties properties, BudgetLedger ledger) {
        this.properties = properties;
        this.budgets = new RateBudgets(properties.budgetMaxWait(), ledger);
        this.reads = new ReadCache(properties.readCacheTtl(), properties.readStaleTtl());
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // The JDK client times out the wait for the answer's headers itself: a Reactor timeout there would cancel its
        // future, which Reactor then reports as a dropped error. The body's read is timed below.
        JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient);
        connector.setReadTimeout(properties.responseTimeout());
        this.webClient = webClientBuilder.clone()
                .clientConnector(connector)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
                .build();
    }

    /**
     * One call accepting {@code accept}, tried as often as {@code policy} and the properties allow. Every try waits
     * for a slot in the key's request budget (writes ahead of reads ahead of background work); reads are shared through the read cache unless
     * {@code fresh}; a successful write forgets the cached reads of its service.
     */
    Mono<RawCloudResponse> exchange(CloudConnection connection, HttpMethod method, String pathUnderV1, byte[] jsonBody,
            MediaType accept, RetryPolicy policy, boolean fresh) {
        RequestAttributes request = unanswered.currentRequest();
        boolean read = HttpMethod.GET.equals(method);
        if (unanswered.leftUnanswered(request, connection)) {
            log.info("Not sending {} /v1{}: ClickHouse Cloud did not answer this request in time", method,
                    pathUnderV1);
            return Mono.error(new CloudUnavailableException("ClickHouse Cloud did not answer within "
                    + readable(properties.responseTimeout()) + ", so Pipedeck "
                    + (read ? "did not ask it again" : "did not send this change"), null));
        }
        Call call = new Call(connection, method, URI.create(connection.baseUrl() + "/v1" + pathUnderV1), pathUnderV1,
                jsonBody, accept, policy, read ? RequestPriority.READ : RequestPriority.WRITE);
        Mono<RawCloudResponse> answer = read
                ? reads.read(connection, pathUnderV1, accept.toString(), fresh, () -> attempt(call, 1, Duration.ZERO))
                : attempt(call, 1, Duration.ZERO).doOnNext(response -> reads.forget(connection, pathUnderV1));
        // A read left unanswered stops the request's further calls; a change left unanswered does not, so that the
        // page can still read what became of it.
        return read ? answer.doOnError(CloudNoAnswerException.class, noAnswer -> unanswered.remember(request,
                connection)) : answer;
    }

    /**
     * A GET for the console's own background work: never from or into the read cache, and waiting behind every
     * person's request in the key's budget (see {@link RequestPriority#BACKGROUND}).
     */
    Mono<RawCloudResponse> exchangeInBackground(CloudConnection connection, String pathUnderV1, MediaType accept) {
        Call call = new Call(connection, HttpMethod.GET, URI.create(connection.baseUrl() + "/v1" + pathUnderV1),
                pathUnderV1, null, accept, RetryPolicy.RATE_LIMITED_AND_TRANSIENT, RequestPriority.BACKGROUND);
        return attempt(call, 1, Duration.ZERO);
    }

    private Mono<RawCloudResponse> attempt(Call call, int attempt, Duration rateLimitWaited) {
        return budgets.within(call.connection(), call.priority(), Mono.defer(() -> sendOnce(call)))
                .map(Outcome::answered)
                .onErrorResume(CloudTransport::isConnectionFailure, failure -> Mono.just(Outcome.failed(failure)))
                .flatMap(outcome -> next(call, attempt, rateLimitWaited, outcome));
    }

    private Mono<RawCloudResponse> next(Call call, int attempt, Duration rateLimitWaited, Outcome outcome) {
        boolean triesLeft = attempt < properties.maxAttempts();
        if (outcome.failure() != null) {
            if (triesLeft && call.policy().retriesTransientFailures()) {
                return retryAfter(backoff(attempt), call, attempt, rateLimitWaited, "no connection");
            }
            String message = "ClickHouse Cloud could not be reached at " + call.connection().host() + ": "
                    + describe(outcome.failure());
            if (!HttpMethod.GET.equals(call.method()) && mayHaveArrived(outcome.failure())) {
                return Mono.error(new CloudNoAnswerException(message
                        + ": the change may or may not have been made, check before trying again", outcome.failure()));
            }
            return Mono.error(new CloudUnavailableException(message, outcome.failure()));
        }
        RawCloudResponse response = outcome.response();
        if (response.status() == 429 && triesLeft && call.policy().retriesRateLimited()) {
            Duration stated = CloudErrorDecoder.rateLimitReset(response);
            Duration wait = stated == null ? UNSTATED_RATE_LIMIT_WAIT : stated;
            Duration waited = rateLimitWaited.plus(wait);
            if (waited.compareTo(properties.maxRateLimitWait()) <= 0) {
                return retryAfter(wait, call, attempt, waited, "HTTP 429");
            }
        }
        if (response.status() >= 500 && triesLeft && call.policy().retriesTransientFailures()) {
            return retryAfter(backoff(attempt), call, attempt, rateLimitWaited, "HTTP " + response.status());
        }
        return Mono.just(response);
    }

    private Mono<RawCloudResponse> retryAfter(Duration pause, Call call, int attempt, Duration rateLimitWaited,
            String reason) {
        log.info("Repeating {} /v1{} after {} (try {} of {}) in {} ms", call.method(), call.path(), reason,
                attempt + 1, properties.maxAttempts(), pause.toMillis());
        return Mono.delay(pause).then(attempt(call, attempt + 1, rateLimitWaited));
    }

    /** One try; assembled when subscribed, so its deadline starts then. */
    private Mono<RawCloudResponse> sendOnce(Call call) {
        long started = System.nanoTime();
        long deadline = started + properties.responseTimeout().toNanos();
        WebClient.RequestBodySpec request = webClient.method(call.method())
                .uri(call.uri())
                .header(HttpHeaders.AUTHORIZATION, call.connection().basicAuthorization())
                .accept(call.accept());
        WebClient.RequestHeadersSpec<?> withBody = call.jsonBody() == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.jsonBody());
        return withBody
                .exchangeToMono(answer -> answer.bodyToMono(byte[].class)
                        .timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                        .defaultIfEmpty(new byte[0])
                        .map(body -> new RawCloudResponse(answer.statusCode().value(),
                                answer.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
                                answer.headers().asHttpHeaders().getFirst("X-RateLimit-Reset"), body)))
                .onErrorMap(CloudTransport::isTimeout, timeout -> new CloudNoAnswerException(
                        "ClickHouse Cloud did not answer within " + readable(properties.responseTimeout())
                                + (HttpMethod.GET.equals(call.method()) ? ""
                                        : ": the change may or may not have been made, check before trying again"),
                        timeout))
                .doOnNext(response -> log.debug("{} /v1{} -> HTTP {} in {} ms", call.method(), call.path(),
                        response.status(), (System.nanoTime() - started) / 1_000_000));
    }

    /** Exponential backoff from the configured base, with ±50 % jitter so parallel callers spread out. */
    private Duration backoff(int attempt) {
        long base = properties.retryBackoff().toMillis() << Math.min(attempt - 1, 16);
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(base * jitter));
    }

    /** No answer in time: the JDK's wait for the headers, or the read of the body, ran out. */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The connection failed before an answer came; timeouts were already turned into a CloudException. */
    private static boolean isConnectionFailure(Throwable failure) {
        return !(failure instanceof CloudException) && (failure instanceof WebClientRequestException
                || failure instanceof IOException || failure.getCause() instanceof IOException);
    }

    /**
     * Whether the request may have reached ClickHouse Cloud before the connection failed: yes unless it failed while
     * connecting (refused, unknown host, connect timeout, TLS handshake).
     */
    private static boolean mayHaveArrived(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof UnresolvedAddressException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof SSLException) {
                return false;
            }
        }
        return true;
    }

    /** What went wrong with the connection, in words: never an exception's class name. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            root = cause;
            if (cause instanceof ConnectException) {
                return "the connection was refused";
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return "the host name could not be resolved";
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return "no connection within the connect timeout";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake failed";
            }
            if (cause instanceof ClosedChannelException || cause instanceof EOFException) {
                return "the connection was closed before an answer came";
            }
        }
        String message = root.getMessage();
        return message == null || message.isBlank() || message.contains("Exception") ? "the connection failed"
                : message;
    }

    /** "30 s" or "250 ms". */
    static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private record Call(CloudConnection connection, HttpMethod method, URI uri, String path, byte[] jsonBody,
            MediaType accept, RetryPolicy policy, RequestPriority priority) {
    }

    private record Outcome(RawCloudResponse response, Throwable failure) {

        static Outcome answered(RawCloudResponse response) {
            return new Outcome(response, null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(null, failure);
        }
    }
}
