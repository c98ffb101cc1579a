package dev.pipedeck.users;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: their role, and changing their password. */
@Controller
@RequestMapping("/account")
class AccountController {

    private final AccountService accounts;
    private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    String show(Model model) {
        if (!model.containsAttribute("passwordChange")) {
            model.addAttribute("passwordChange", new AccountForms.PasswordChange());
        }
        return "users/account";
    }

    @PostMapping("/password")
    String changePassword(@ModelAttribute("passwordChange") AccountForms.PasswordChange form, BindingResult result,
            Authentication authentication, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!form.getNewPassword().equals(form.getConfirmPassword())) {
            result.rejectValue("confirmPassword", "mismatch", "The two passwords differ.");
        } else {
            try {
                Account account = accounts.changeOwnPassword(authentication.getName(), form.getCurrentPassword(),
                        form.getNewPassword());
                keepThisSessionSignedIn(account, request, response);
                redirect.addFlashAttribute("success", "Password changed. Your other sessions have ended.");
                return "redirect:/account";
            } catch (AccountRuleViolation violation) {
                FormErrors.reject(result, violation);
            }
        }
        form.setCurrentPassword("");
        form.setNewPassword("");
        form.setConfirmPassword("");
        return "users/account";
    }

    /** The password change ended every session of the account; this one continues under the new version. */
    private void keepThisSessionSignedIn(Account account, HttpServletRequest request, HttpServletResponse response) {
        SignedInUser user = new SignedInUser(account);
        user.eraseCredentials();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        request.changeSessionId();
    }
}
