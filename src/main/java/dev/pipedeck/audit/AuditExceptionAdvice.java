package dev.pipedeck.audit;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** When an action is refused because its audit record could not be written, the user is told so plainly. */
@ControllerAdvice
class AuditExceptionAdvice {

    @ExceptionHandler(AuditUnavailableException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String auditUnavailable(Model model) {
        model.addAttribute("message", AuditUnavailableException.USER_MESSAGE);
        return "audit/unavailable";
    }
}
