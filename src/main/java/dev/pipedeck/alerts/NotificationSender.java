package dev.pipedeck.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends one notification to one channel and says how it went. Webhooks and Slack get a POST with the JSON body and
 * the {@code X-Pipedeck-Notification-Id} header, through the JDK HTTP client with the delivery timeout, and redirects
 * are never followed (a 3xx answer is a failure). Email goes through the configured SMTP server. Error texts name the
 * URL's scheme and host at most: never its path, query or the header value.
 */
@Component
class NotificationSender {

    static final String NOTIFICATION_ID_HEADER = "X-Pipedeck-Notification-Id";

    private static final int MAX_ERROR_BODY = 120;

    private final WebClient webClient;
    private final ObjectProvider<JavaMailSender> mail;
    private final AlertProperties properties;

    NotificationSender(WebClient.Builder webClientBuilder, ObjectProvider<JavaMailSender> mail,
            AlertProperties properties) {
        this.mail = mail;
        this.properties = properties;
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(properties.deliveryTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient);
        connector.setReadTimeout(properties.deliveryTimeout());
        this.webClient = webClientBuilder.clone()
                .clientConnector(connector)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024))
                .build();
    }

    /** Whether email can be sent: {@code spring.mail.host} is set. */
    boolean emailAvailable() {
        JavaMailSender sender = mail.getIfAvailable();
        // An empty SPRING_MAIL_HOST (as docker compose passes when none is set) still makes Boot build a sender.
        return sender != null && !(sender instanceof JavaMailSenderImpl impl
                && (impl.getHost() == null || impl.getHost().isBlank()));
    }

    /** Sends {@code event} to {@code channel}; never fails, the outcome is in the result. */
    Mono<DeliveryResult> send(AlertChannel channel, @Nullable ChannelTarget target, AlertEvent event,
            String notificationId, boolean test) {
        return switch (channel.kind()) {
            case WEBHOOK -> post(target, WebhookPayload.render(event, notificationId, test), notificationId, event,
                    channel.headerName());
            case SLACK -> post(target, SlackMessage.render(event, test), notificationId, event, null);
            case EMAIL -> email(channel, event, notificationId, test);
        };
    }

    private Mono<DeliveryResult> post(@Nullable ChannelTarget target, String body, String notificationId,
            AlertEvent event, @Nullable String headerName) {
        if (target == null) {
            return Mono.just(DeliveryResult.giveUp("The channel has no URL stored."));
        }
        String host = target.hint();
        URI uri;
        try {
            uri = URI.create(target.url());
        } catch (IllegalArgumentException notAUrl) {
            return Mono.just(DeliveryResult.giveUp("The stored URL is not a valid URL."));
        }
        WebClient.RequestBodySpec request = webClient.post().uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.ALL)
                .header(HttpHeaders.USER_AGENT, "Pipedeck-Alerts")
                .header(NOTIFICATION_ID_HEADER, notificationId)
                .header("X-Pipedeck-Event", event.status());
        if (headerName != null && !headerName.isBlank() && target.headerValue() != null) {
            request = request.header(headerName, target.headerValue());
        }
        return request.bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchangeToMono(answer -> answer.bodyToMono(String.class).defaultIfEmpty("")
                        .onErrorReturn("")
                        .map(text -> classify(answer.statusCode().value(), text, host, target)))
                .timeout(properties.deliveryTimeout().plusSeconds(1))
                .onErrorResume(failure -> Mono.just(DeliveryResult.retry(failureText(failure, host, target))));
    }

    private static DeliveryResult classify(int status, String body, String host, ChannelTarget target) {
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered("HTTP " + status);
        }
        String said = snippet(target.scrub(body));
        String error = "HTTP " + status + " from " + host + (said.isEmpty() ? "" : ": " + said);
        if (status >= 300 && status < 400) {
            return DeliveryResult.giveUp(error + " (redirects are not followed: store the final URL)");
        }
        if (status >= 500 || status == 408 || status == 425 || status == 429) {
            return DeliveryResult.retry(error);
        }
        return DeliveryResult.giveUp(error);
    }

    private Mono<DeliveryResult> email(AlertChannel channel, AlertEvent event, String notificationId, boolean test) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return Mono.just(DeliveryResult.retry("Email is not configured (spring.mail.host is not set)."));
        }
        if (channel.recipients().isEmpty()) {
            return Mono.just(DeliveryResult.giveUp("The channel has no recipients."));
        }
        return Mono.fromCallable(() -> {
            AlertMessage message = new AlertMessage(event, test);
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.emailFrom());
            helper.setTo(channel.recipients().toArray(String[]::new));
            helper.setSubject(message.subject());
            StringBuilder text = new StringBuilder(message.status()).append(": ").append(message.headline())
                    .append("\n\n");
            message.details().forEach(line -> text.append(line).append('\n'));
            if (message.link() != null) {
                text.append('\n').append(message.link()).append('\n');
            }
            helper.setText(text.toString());
            mime.setHeader(NOTIFICATION_ID_HEADER, notificationId);
            sender.send(mime);
            return DeliveryResult.delivered("sent to " + channel.recipients().size() + " recipient(s)");
        }).subscribeOn(Schedulers.boundedElastic())
                .timeout(properties.deliveryTimeout().plusSeconds(5))
                .onErrorResume(failure -> Mono.just(DeliveryResult.retry(mailFailure(failure))));
    }

    private String failureText(Throwable failure, String host, ChannelTarget target) {
        if (isTimeout(failure)) {
            return "No answer from " + host + " within " + properties.deliveryTimeout().toSeconds() + " s";
        }
        Throwable root = root(failure);
        String message = root.getMessage();
        String said = message == null ? "" : snippet(target.scrub(message));
        return "Could not reach " + host + ": " + root.getClass().getSimpleName() + (said.isEmpty() ? "" : " " + said);
    }

    private static String mailFailure(Throwable failure) {
        if (isTimeout(failure)) {
            return "The mail server did not finish in time";
        }
        Throwable root = root(failure);
        String kind = failure instanceof MailException || failure instanceof MessagingException
                ? "Mail not sent" : "Mail failed";
        return kind + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + snippet(root.getMessage()));
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof IOException && root.getMessage() != null) {
                break;
            }
            root = root.getCause();
        }
        return root;
    }

    /** At most {@link #MAX_ERROR_BODY} characters on one line. */
    private static String snippet(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return oneLine.length() <= MAX_ERROR_BODY ? oneLine : oneLine.substring(0, MAX_ERROR_BODY) + "…";
    }
}
