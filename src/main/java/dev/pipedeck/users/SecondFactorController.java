package dev.pipedeck.users;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's two-step sign-in (TOTP): enrol (a secret and its QR code, confirmed by a first code, then the
 * recovery codes, shown once in the answer to that POST and never again), renew the recovery codes, turn it off.
 */
@Controller
@RequestMapping(SecondFactorEnrolmentRequirement.ENROLMENT_PAGE)
class SecondFactorController {

    private final SecondFactorService secondFactors;

    SecondFactorController(SecondFactorService secondFactors) {
        this.secondFactors = secondFactors;
    }

    @GetMapping
    String show(Authentication authentication, Model model) {
        String username = authentication.getName();
        model.addAttribute("status", secondFactors.statusOf(username));
        secondFactors.pendingEnrolment(username).ifPresent(enrolment -> model.addAttribute("enrolment", enrolment));
        return "users/second-factor";
    }

    @PostMapping("/start")
    String start(Authentication authentication, RedirectAttributes redirect) {
        try {
            secondFactors.startEnrolment(authentication.getName());
        } catch (AccountRuleViolation violation) {
            redirect.addFlashAttribute("error", violation.getMessage());
        }
        return "redirect:" + SecondFactorEnrolmentRequirement.ENROLMENT_PAGE;
    }

    @PostMapping("/confirm")
    String confirm(@RequestParam(defaultValue = "") String code, Authentication authentication, Model model) {
        try {
            List<String> recoveryCodes = secondFactors.confirmEnrolment(authentication.getName(), code);
            model.addAttribute("recoveryCodes", recoveryCodes);
            model.addAttribute("success", "Two-step sign-in is on. From now on you enter a code after your password.");
        } catch (AccountRuleViolation violation) {
            model.addAttribute("codeError", violation.getMessage());
        }
        return show(authentication, model);
    }

    @PostMapping("/recovery-codes")
    String renewRecoveryCodes(@RequestParam(defaultValue = "") String code, Authentication authentication,
            Model model) {
        try {
            model.addAttribute("recoveryCodes", secondFactors.renewRecoveryCodes(authentication.getName(), code));
            model.addAttribute("success", "New recovery codes made; the old ones no longer work.");
        } catch (AccountRuleViolation violation) {
            model.addAttribute("codeError", violation.getMessage());
        }
        return show(authentication, model);
    }

    @PostMapping("/disable")
    String disable(@RequestParam(defaultValue = "") String code, Authentication authentication,
            RedirectAttributes redirect) {
        try {
            secondFactors.disable(authentication.getName(), code);
            redirect.addFlashAttribute("success", "Two-step sign-in is off: your password alone signs you in.");
        } catch (AccountRuleViolation violation) {
            redirect.addFlashAttribute("error", violation.getMessage());
        }
        return "redirect:" + SecondFactorEnrolmentRequirement.ENROLMENT_PAGE;
    }
}
