package dev.pipedeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.support.GenericApplicationContext;

class ReencryptAndExitRunnerTest {

    @Test
    void reencryptsThenClosesTheContextAndExitsWithZero() {
        SecretCipher old = new SecretCipher(MasterKeyset.generate(MasterKeySource.masterKey()));
        SecretCipher current = new SecretCipher(old.keyset().withNewPrimary());
        SecretBinding row = new SecretBinding("org_connection", 5);
        InMemorySecretStore store = new InMemorySecretStore("organization API keys").put(row, old.encrypt("s", row));
        GenericApplicationContext context = new GenericApplicationContext();
        context.refresh();
        AtomicInteger exitCode = new AtomicInteger(-1);

        new ReencryptAndExitRunner(new KeyRotation(current, InMemorySecretStore.providerOf(store)), context,
                exitCode::set).run(new DefaultApplicationArguments());

        assertThat(current.isUnderPrimaryKey(store.get(row))).isTrue();
        assertThat(exitCode).hasValue(0);
        assertThat(context.isActive()).isFalse();
    }
}
