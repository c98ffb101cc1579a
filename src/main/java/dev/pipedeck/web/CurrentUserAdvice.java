package dev.pipedeck.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.pipedeck.users.Role;

/** Gives every page (error pages too) the signed-in user, or null for anonymous visitors. */
@ControllerAdvice
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    CurrentUser currentUser(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        Set<String> authorities = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        Role role = Arrays.stream(Role.values())
                .filter(r -> authorities.contains(r.authority()))
                .max(Comparator.naturalOrder())
                .orElse(null);
        return new CurrentUser(authentication.getName(), role);
    }
}
