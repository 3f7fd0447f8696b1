package org.trademap.server.sharing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;

/** Change notices (JPX ③-D) for company systems. */
@RestController
@Tag(name = "Account opening", description = "Applications at securities companies, KYC sharing")
class ChangeNoticesController {
  static final String NOTICES = "/api/v1/company/notices";

  private final ChangeNotices notices;

  ChangeNoticesController(ChangeNotices notices) {
    this.notices = notices;
  }

  @GetMapping(path = NOTICES, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "The change notices of the signed-in staff member's company, newest first",
      description =
          "One per change of a person's personal data or decided re-KYC, for each company that"
              + " holds an account for them. packageUpdated says whether an updated package came"
              + " with it (the person's sharing consent still stood); fetch it with GET"
              + " /api/v1/company/applications/{applicationId}/package, verified against the"
              + " ledger like the first one.")
  @ApiResponse(responseCode = "200", description = "the notices")
  @ApiResponse(responseCode = "403", description = "auth.forbidden (not company staff)")
  List<ChangeNotices.Notice> list(@AuthenticationPrincipal SignedIn staff) {
    return SharingResult.unwrap(notices.list(staff));
  }

  @PostMapping(path = NOTICES + "/{id}/acknowledge", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Mark a change notice as handled",
      description = "Marking it again changes nothing. Another company's notice is not found.")
  @ApiResponse(responseCode = "200", description = "the notice")
  @ApiResponse(responseCode = "404", description = "sharing.notice-not-found")
  ChangeNotices.Notice acknowledge(@AuthenticationPrincipal SignedIn staff, @PathVariable UUID id) {
    return SharingResult.unwrap(notices.acknowledge(staff, id));
  }
}
