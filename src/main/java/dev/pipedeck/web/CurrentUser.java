package dev.pipedeck.web;

import dev.pipedeck.users.Role;

/** Who is signed in, as pages see it: for the layout, and for showing or hiding controls (the server checks anyway). */
public final class CurrentUser {

    private final String username;
    private final Role role;

    CurrentUser(String username, Role role) {
        this.username = username;
        this.role = role;
    }

    public String getUsername() {
        return username;
    }

    public Role getRole() {
        return role;
    }

    /** May change pipes. */
    public boolean isOperator() {
        return role != null && role.includes(Role.OPERATOR);
    }

    /** May manage accounts and organization keys. */
    public boolean isAdmin() {
        return role != null && role.includes(Role.ADMIN);
    }
}
