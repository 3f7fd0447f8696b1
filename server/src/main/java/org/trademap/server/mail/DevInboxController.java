package org.trademap.server.mail;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.trademap.server.web.ProblemException;

/** The dev inbox pages: every mail the embedded SMTP server received, and one mail in full. */
@Controller
@ConditionalOnEmbeddedMail
@RequestMapping("/dev/inbox")
class DevInboxController {
  private final EmbeddedSmtpServer server;
  private final DevAccess access;

  DevInboxController(EmbeddedSmtpServer server, DevAccess access) {
    this.server = server;
    this.access = access;
  }

  @GetMapping
  String inbox(HttpServletRequest request, Model model) {
    access.check(request);
    model.addAttribute("mails", server.messages());
    model.addAttribute("smtpAddress", EmbeddedSmtpServer.BIND_ADDRESS + ":" + server.port());
    return "dev/inbox";
  }

  @GetMapping("/{id}")
  String message(@PathVariable String id, HttpServletRequest request, Model model) {
    access.check(request);
    ReceivedMail mail =
        server
            .message(id)
            .orElseThrow(() -> ProblemException.of(HttpStatus.NOT_FOUND, "mail.not-found"));
    model.addAttribute("mail", mail);
    model.addAttribute("textSegments", TextLinks.split(mail.text()));
    return "dev/inbox-message";
  }
}
