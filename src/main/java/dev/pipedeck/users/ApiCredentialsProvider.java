package dev.pipedeck.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HTTP Basic credentials of {@code /api/v1}: a Pipedeck API token ({@code pdt_…} id and its secret), or else a
 * username and password (checked by {@code passwords}, behind the {@link PasswordSignInPolicy}: never for an account
 * with two-step sign-in or single sign-on, nor while local login is off). A token acts with the lower of its role and its owner's
 * current role, and is refused at once when revoked, expired, or its owner is disabled.
 */
public class ApiCredentialsProvider implements AuthenticationProvider {

    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final AccountRepository accounts;
    private final AuthenticationProvider passwords;
    private final Clock clock;
    private final TransactionTemplate transaction;

    ApiCredentialsProvider(ApiTokenRepository tokens, AccountRepository accounts, AuthenticationProvider passwords,
            Clock clock, PlatformTransactionManager transactionManager) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        if (name == null || !name.startsWith(ApiTokenService.PREFIX)) {
            return passwords.authenticate(authentication);
        }
        String secret = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        return transaction.execute(status -> {
            Instant now = clock.instant();
            ApiToken token = tokens.findByTokenId(name).orElseThrow(() -> new BadCredentialsException("Unknown token"));
            if (!MessageDigest.isEqual(token.getSecretHash().getBytes(StandardCharsets.US_ASCII),
                    ApiTokenService.hash(secret).getBytes(StandardCharsets.US_ASCII))) {
                throw new BadCredentialsException("Wrong token secret");
            }
            if (!token.isUsableAt(now)) {
                throw new BadCredentialsException("Token " + token.statusAt(now).toLowerCase());
            }
            Account owner = accounts.findById(token.getAccountId())
                    .orElseThrow(() -> new BadCredentialsException("Token owner gone"));
            if (!owner.isEnabled()) {
                throw new DisabledException("Token owner disabled");
            }
            if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
                token.usedAt(now);
            }
            Role effective = Role.lowerOf(token.getRole(), owner.getRole());
            UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                    owner.getUsername(), null, List.of(new SimpleGrantedAuthority(effective.authority())));
            result.setDetails(authentication.getDetails());
            return result;
        });
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
