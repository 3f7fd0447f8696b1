package org.trademap.server.mail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.web.ProblemException;

/**
 * The embedded SMTP server's mail for one recipient as JSON, for tests and scripts that need to
 * read a verification link. Exists only in the embedded default.
 */
@RestController
@ConditionalOnEmbeddedMail
@RequestMapping(path = "/api/v1/dev", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Dev mailbox",
    description =
        "Embedded default only (trademap.mail.embedded=true): the mail the embedded SMTP server"
            + " received. Absent when mail goes to a real SMTP server.")
class DevMailboxController {
  private final EmbeddedSmtpServer server;
  private final DevAccess access;

  DevMailboxController(EmbeddedSmtpServer server, DevAccess access) {
    this.server = server;
    this.access = access;
  }

  @GetMapping("/mailbox")
  @Operation(summary = "The mails received for one address, newest first")
  @ApiResponse(responseCode = "200", description = "The mails (an empty list if there are none)")
  @ApiResponse(
      responseCode = "400",
      description = "mail.bad-address: `to` is missing or not a plain email address",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              schema = @Schema(implementation = ProblemDetail.class)))
  List<ReceivedMail> mailbox(
      @RequestParam(name = "to", required = false)
          @Parameter(description = "The recipient's address; encode + as %2B")
          @Nullable String to,
      HttpServletRequest request) {
    access.check(request);
    if (to == null || !OutgoingMail.isValidAddress(to)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "mail.bad-address");
    }
    return server.messagesTo(to);
  }
}
