package dev.pipedeck.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The client as Spring builds it: Boot's WebClient.Builder and the {@code pipedeck.cloud.*} properties. */
class CloudClientConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
            .withUserConfiguration(CloudClientConfiguration.class);

    @Test
    void defaultsApplyWhenNothingIsSet() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ClickHouseCloudClient.class);
            assertThat(context.getBean(CloudClientProperties.class)).isEqualTo(CloudClientProperties.defaults());
            assertThat(CloudClientProperties.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(CloudClientProperties.defaults().responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void propertiesAreBound() {
        runner.withPropertyValues("pipedeck.cloud.connect-timeout=2s", "pipedeck.cloud.response-timeout=10s",
                "pipedeck.cloud.max-rate-limit-wait=15s", "pipedeck.cloud.retry-backoff=100ms",
                "pipedeck.cloud.max-attempts=2").run(context -> assertThat(context.getBean(CloudClientProperties.class))
                        .isEqualTo(new CloudClientProperties(Duration.ofSeconds(2), Duration.ofSeconds(10),
                                Duration.ofSeconds(15), Duration.ofMillis(100), 2)));
    }

    @Test
    void aMeaninglessTimeoutStopsTheStart() {
        runner.withPropertyValues("pipedeck.cloud.response-timeout=0s")
                .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CloudClientProperties.class)
    @Import(ClickHouseCloudClient.class)
    static class CloudClientConfiguration {
    }
}
