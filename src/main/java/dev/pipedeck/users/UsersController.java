package dev.pipedeck.users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** ADMIN pages to manage team accounts (the URL rule and the service's method security both require ADMIN). */
@Controller
@RequestMapping("/users")
class UsersController {

    private final AccountService accounts;
    private final SecondFactorService secondFactors;

    UsersController(AccountService accounts, SecondFactorService secondFactors) {
        this.accounts = accounts;
        this.secondFactors = secondFactors;
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("newAccount")) {
            model.addAttribute("newAccount", new AccountForms.NewAccount());
        }
        model.addAttribute("accounts", accounts.list());
        model.addAttribute("roles", Role.values());
        return "users/list";
    }

    @PostMapping
    String create(@ModelAttribute("newAccount") AccountForms.NewAccount form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        try {
            Account created = accounts.create(form.getUsername(), form.getPassword(), form.getRole());
            redirect.addFlashAttribute("success",
                    "Account " + created.getUsername() + " created as " + created.getRole().label() + ".");
            return "redirect:/users";
        } catch (AccountRuleViolation violation) {
            FormErrors.reject(result, violation);
            form.setPassword("");
            return list(model);
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("account", accounts.get(id));
        model.addAttribute("secondFactor", secondFactors.statusOf(id));
        model.addAttribute("roles", Role.values());
        if (!model.containsAttribute("reset")) {
            model.addAttribute("reset", new AccountForms.PasswordReset());
        }
        return "users/detail";
    }

    @PostMapping("/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam Role role, RedirectAttributes redirect) {
        try {
            Account account = accounts.changeRole(id, role);
            redirect.addFlashAttribute("success", account.getUsername() + " is now " + account.getRole().label()
                    + ". Their open sessions have ended.");
        } catch (AccountRuleViolation violation) {
            redirect.addFlashAttribute("error", violation.getMessage());
        }
        return "redirect:/users/" + id;
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            Account account = accounts.setEnabled(id, enabled);
            redirect.addFlashAttribute("success", account.getUsername()
                    + (enabled ? " can sign in again." : " is disabled and signed out everywhere."));
        } catch (AccountRuleViolation violation) {
            redirect.addFlashAttribute("error", violation.getMessage());
        }
        return "redirect:/users/" + id;
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, @ModelAttribute("reset") AccountForms.PasswordReset form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        try {
            Account account = accounts.resetPassword(id, form.getNewPassword());
            redirect.addFlashAttribute("success",
                    "New password set for " + account.getUsername() + ". Their open sessions have ended.");
            return "redirect:/users/" + id;
        } catch (AccountRuleViolation violation) {
            FormErrors.reject(result, violation);
            form.setNewPassword("");
            return detail(id, model);
        }
    }

    @PostMapping("/{id}/second-factor/reset")
    String resetSecondFactor(@PathVariable long id, RedirectAttributes redirect) {
        try {
            Account account = secondFactors.reset(id);
            redirect.addFlashAttribute("success", "Two-step sign-in of " + account.getUsername() + " removed: they "
                    + "sign in with their password and may enrol again. Their open sessions have ended.");
        } catch (AccountRuleViolation violation) {
            redirect.addFlashAttribute("error", violation.getMessage());
        }
        return "redirect:/users/" + id;
    }
}
