package dev.pipedeck.users;

import java.time.Clock;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: their role, their password, and their API tokens. */
@Controller
@RequestMapping("/account")
class AccountController {

    private final AccountService accounts;
    private final ApiTokenService tokens;
    private final SecondFactorService secondFactors;
    private final SingleSignOn singleSignOn;
    private final Clock clock;
    private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

    AccountController(AccountService accounts, ApiTokenService tokens, SecondFactorService secondFactors,
            SingleSignOn singleSignOn, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.secondFactors = secondFactors;
        this.singleSignOn = singleSignOn;
        this.clock = clock;
    }

    @GetMapping
    String show(Authentication authentication, Model model) {
        if (!model.containsAttribute("passwordChange")) {
            model.addAttribute("passwordChange", new AccountForms.PasswordChange());
        }
        if (!model.containsAttribute("newToken")) {
            model.addAttribute("newToken", new AccountForms.NewToken());
        }
        model.addAttribute("tokens", tokens.tokensOf(authentication.getName()));
        model.addAttribute("secondFactor", secondFactors.statusOf(authentication.getName()));
        model.addAttribute("ssoName", singleSignOn.displayName());
        model.addAttribute("roles", Role.values());
        model.addAttribute("now", clock.instant());
        return "users/account";
    }

    @PostMapping("/tokens")
    String createToken(@ModelAttribute("newToken") AccountForms.NewToken form, BindingResult result,
            Authentication authentication, Model model) {
        try {
            NewApiToken created = tokens.create(authentication.getName(), form.getName(), form.getRole(),
                    form.getValidDays());
            // Shown in this answer, never carried through the session: sessions are stored in the database, and a
            // token's secret is stored nowhere.
            model.addAttribute("createdToken", created);
            model.addAttribute("newToken", new AccountForms.NewToken());
            return show(authentication, model);
        } catch (AccountRuleViolation violation) {
            FormErrors.reject(result, violation);
            return show(authentication, model);
        }
    }

    @PostMapping("/tokens/{tokenId}/revoke")
    String revokeToken(@PathVariable String tokenId, Authentication authentication, RedirectAttributes redirect) {
        try {
            ApiToken token = tokens.revoke(authentication.getName(), tokenId);
            redirect.addFlashAttribute("success", "Token " + token.getName() + " revoked; it stops working at once.");
        } catch (AccountRuleViolation violation) {
            redirect.addFlashAttribute("error", violation.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/password")
    String changePassword(@ModelAttribute("passwordChange") AccountForms.PasswordChange form, BindingResult result,
            Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
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
        return show(authentication, model);
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
