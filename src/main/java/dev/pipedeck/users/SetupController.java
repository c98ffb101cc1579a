package dev.pipedeck.users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** First-run setup: creates the first ADMIN with the one-time token logged at start. */
@Controller
@RequestMapping("/setup")
class SetupController {

    private final FirstRunSetup setup;

    SetupController(FirstRunSetup setup) {
        this.setup = setup;
    }

    @GetMapping
    String form(@RequestParam(required = false) String token, Model model) {
        if (!setup.accepts(token)) {
            return "users/setup-closed";
        }
        AccountForms.Setup form = new AccountForms.Setup();
        form.setToken(token);
        model.addAttribute("setup", form);
        return "users/setup";
    }

    @PostMapping
    String create(@ModelAttribute("setup") AccountForms.Setup form, BindingResult result,
            RedirectAttributes redirect) {
        if (!setup.accepts(form.getToken())) {
            return "users/setup-closed";
        }
        if (!form.getPassword().equals(form.getConfirmPassword())) {
            result.rejectValue("confirmPassword", "mismatch", "The two passwords differ.");
        }
        if (!result.hasErrors()) {
            try {
                setup.completeSetup(form.getToken(), form.getUsername(), form.getPassword());
                redirect.addFlashAttribute("success", "Admin account created. Sign in to continue.");
                return "redirect:/login";
            } catch (AccountRuleViolation violation) {
                FormErrors.reject(result, violation);
            }
        }
        return "users/setup";
    }
}
