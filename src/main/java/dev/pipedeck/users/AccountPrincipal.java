package dev.pipedeck.users;

/**
 * The principal of a signed-in page session, however it signed in (password, second factor, single sign-on): the
 * account it belongs to and that account's session version at sign-in (see {@link AccountSessionFilter}).
 */
public interface AccountPrincipal {

    long accountId();

    String username();

    Role role();

    int sessionVersion();
}
