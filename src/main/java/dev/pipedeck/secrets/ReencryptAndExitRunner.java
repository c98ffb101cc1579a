package dev.pipedeck.secrets;

import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar pipedeck.jar --pipedeck.secrets.reencrypt-and-exit=true --server.port=0}: re-encrypts every stored
 * secret under the primary key, then shuts down with exit code 0 (a failure stops start-up with a non-zero exit
 * code). The web server still starts, hence the random port. Registered only when that property is true.
 */
public class ReencryptAndExitRunner implements ApplicationRunner {

    /** The property that turns this runner on. */
    public static final String PROPERTY = "pipedeck.secrets.reencrypt-and-exit";

    private static final Logger log = LoggerFactory.getLogger(ReencryptAndExitRunner.class);

    private final KeyRotation rotation;
    private final ConfigurableApplicationContext context;
    private final IntConsumer exit;

    public ReencryptAndExitRunner(KeyRotation rotation, ConfigurableApplicationContext context) {
        this(rotation, context, System::exit);
    }

    ReencryptAndExitRunner(KeyRotation rotation, ConfigurableApplicationContext context, IntConsumer exit) {
        this.rotation = rotation;
        this.context = context;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        int total = 0;
        for (StoreReencryption result : rotation.reencryptAll()) {
            total += result.reencrypted();
        }
        log.info("{}=true: re-encrypted {} stored secret(s) in all; exiting.", PROPERTY, total);
        exit.accept(SpringApplication.exit(context, () -> 0));
    }
}
