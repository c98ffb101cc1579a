package dev.pipedeck.users;

/** How an account signs in. */
public enum AccountKind {
    /** With its username and password, checked by Pipedeck (and a second factor when enrolled). */
    LOCAL,
    /** Through the OpenID Connect identity provider it is linked to; it has no password. */
    EXTERNAL
}
