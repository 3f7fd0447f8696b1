package org.trademap.server.checks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;

/**
 * The signed-in user's review and KYC key: {@code /api/v1/me/checks}, {@code /api/v1/me/kyc-key}.
 */
@RestController
@Tag(name = "KYC file")
class MyChecksController {
  static final String KEY = "/api/v1/me/kyc-key";

  /**
   * A KYC key, shown in this answer only.
   *
   * @param key 52 base32 characters in groups of four joined by hyphens (256 random bits)
   * @param revision 1 for the first key, one more for each new one (which revokes the one before)
   * @param issuedAt when
   */
  record KeyView(String key, int revision, Instant issuedAt) {
    @Override
    public String toString() {
      return "KeyView[key=(hidden), revision=" + revision + "]";
    }
  }

  private final UserReview reviews;
  private final KycKeys keys;

  MyChecksController(UserReview reviews, KycKeys keys) {
    this.reviews = reviews;
    this.keys = keys;
  }

  @GetMapping(path = "/api/v1/me/checks", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Where the review of the submitted KYC file stands",
      description =
          "Each common check (waiting, in-progress, passed, failed, needs-information), the"
              + " decision with the reason the back office gives, whether checks were reopened"
              + " (re-KYC) and why, and the current KYC key's revision and ledger record (never"
              + " the key).")
  @ApiResponse(responseCode = "200", description = "the review")
  @ApiResponse(responseCode = "401", description = "auth.required")
  UserReview.ReviewView review(@AuthenticationPrincipal SignedIn user) {
    return reviews.of(user.accountId());
  }

  @PostMapping(path = KEY, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Get a new KYC key (once the case is approved)",
      description =
          "The key is in this answer only (Cache-Control: no-store): only a commitment to it is"
              + " stored, and recorded on the ledger (record-key). Asking again issues a new key"
              + " and revokes the old one.")
  @ApiResponse(responseCode = "201", description = "the new key")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "409", description = "checks.not-approved")
  ResponseEntity<KeyView> issue(@AuthenticationPrincipal SignedIn user) {
    KycKeys.Issued issued = ChecksController.unwrap(keys.issue(user.accountId()));
    return ResponseEntity.created(URI.create(KEY))
        .cacheControl(CacheControl.noStore())
        .body(new KeyView(issued.key(), issued.revision(), issued.issuedAt()));
  }
}
