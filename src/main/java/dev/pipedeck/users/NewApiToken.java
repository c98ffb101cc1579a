package dev.pipedeck.users;

/** A token just created: the only moment its secret exists outside the caller's hands. */
public record NewApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "NewApiToken[" + token.getTokenId() + ", secret=••••]";
    }
}
