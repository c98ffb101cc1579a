package dev.pipedeck.orgs;

import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.pipedeck.secrets.KeyFileRotation;

/** ADMIN page for the master key that encrypts stored secrets: its source, rotation and re-encryption. */
@Controller
@RequestMapping("/organizations/master-key")
class MasterKeyController {

    private final MasterKeyAdministration masterKey;

    MasterKeyController(MasterKeyAdministration masterKey) {
        this.masterKey = masterKey;
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("keyset", masterKey.keyset());
        return "orgs/master-key";
    }

    @PostMapping("/rotate")
    String rotate(RedirectAttributes redirect) {
        try {
            KeyFileRotation rotation = masterKey.rotateKeyFile();
            redirect.addFlashAttribute("success", rotation.message());
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/organizations/master-key";
    }

    @PostMapping("/reencrypt")
    String reencrypt(RedirectAttributes redirect) {
        try {
            String summary = masterKey.reencryptAll().stream()
                    .map(r -> r.store() + ": " + r.reencrypted() + " re-encrypted, " + r.alreadyUnderPrimary()
                            + " already under the primary key")
                    .collect(Collectors.joining("; "));
            redirect.addFlashAttribute("success", "Re-encryption done. " + (summary.isEmpty() ? "No secrets stored." : summary));
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", "Re-encryption stopped: " + e.getMessage());
        }
        return "redirect:/organizations/master-key";
    }
}
