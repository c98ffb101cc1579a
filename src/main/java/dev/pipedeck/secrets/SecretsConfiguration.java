package dev.pipedeck.secrets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Secrets at rest: the master keyset, the cipher, the start-up check, rotation and the re-encrypt-and-exit runner. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MasterKeyProperties.class)
public class SecretsConfiguration {

    @Bean
    MasterKeyset masterKeyset(MasterKeyProperties properties, Environment environment) {
        return new MasterKeyLoader(properties, environment.getProperty("spring.datasource.url")).load();
    }

    @Bean
    SecretCipher secretCipher(MasterKeyset masterKeyset) {
        return new SecretCipher(masterKeyset);
    }

    @Bean
    StoredSecretsCheck storedSecretsCheck(SecretCipher secretCipher, ObjectProvider<EncryptedSecretStore> stores) {
        return new StoredSecretsCheck(secretCipher, stores);
    }

    @Bean
    KeyRotation keyRotation(SecretCipher secretCipher, ObjectProvider<EncryptedSecretStore> stores) {
        return new KeyRotation(secretCipher, stores);
    }

    @Bean
    @ConditionalOnBooleanProperty(ReencryptAndExitRunner.PROPERTY)
    ReencryptAndExitRunner reencryptAndExitRunner(KeyRotation keyRotation, ConfigurableApplicationContext context) {
        return new ReencryptAndExitRunner(keyRotation, context);
    }
}
