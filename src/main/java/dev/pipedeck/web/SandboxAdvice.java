package dev.pipedeck.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.pipedeck.sandbox.SandboxAccess;

/** Tells every page whether the built-in sandbox is on (for its navigation link and the "Explore" offer). */
@ControllerAdvice
class SandboxAdvice {

    private final SandboxAccess sandbox;

    SandboxAdvice(SandboxAccess sandbox) {
        this.sandbox = sandbox;
    }

    @ModelAttribute("sandboxEnabled")
    boolean sandboxEnabled() {
        return sandbox.isEnabled();
    }
}
