package org.trademap.server.kyc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.onboarding.Validation;
import org.trademap.server.web.ProblemException;

/** The signed-in account's KYC data: {@code GET/PUT /api/v1/me/profile}. */
@RestController
@RequestMapping(path = "/api/v1/me/profile", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "KYC file",
    description =
        "The signed-in account's KYC file: personal data, beneficial owners, consents, submission"
            + " and progress. Needs `Authorization: Bearer <token>`; an account only ever sees its"
            + " own file.")
class ProfileController {

  /**
   * The stored profile.
   *
   * @param kind {@code person} or {@code legal-entity}
   * @param revision the number of changes so far; 0 before the first
   * @param submittedAt when the file was submitted; absent while it is a draft
   * @param person the person's data, or the data of the person acting for a legal entity
   * @param entity the legal entity's data
   * @param beneficialOwners the legal entity's beneficial-owner declaration
   * @param reviewFlags values accepted but flagged for a compliance officer (e.g. look-alikes)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "Profile")
  record ProfileView(
      String kind,
      int revision,
      @Nullable Instant submittedAt,
      @Nullable PersonalForm person,
      @Nullable LegalEntityForm entity,
      @Nullable OwnerDeclarationForm beneficialOwners,
      List<FlagView> reviewFlags) {

    static ProfileView of(Profile profile) {
      ProfileForm form = profile.toForm();
      return new ProfileView(
          profile.kind().apiName(),
          profile.revision(),
          profile.submittedAt(),
          form.person(),
          form.entity(),
          form.beneficialOwners(),
          profile.reviewFlags().stream()
              .map(f -> new FlagView(f.field(), f.reason(), f.detail()))
              .toList());
    }

    @Override
    public String toString() {
      return "ProfileView[kind=" + kind + ", revision=" + revision + ", data=(hidden)]";
    }
  }

  /**
   * A value flagged for review.
   *
   * @param field the field path, e.g. {@code person.surname}
   * @param reason the stable code of the finding, e.g. {@code name.mixed-script}
   * @param detail what was found, e.g. {@code Cyrillic, Latin}
   */
  record FlagView(String field, String reason, String detail) {}

  private final KycFiles files;

  ProfileController(KycFiles files) {
    this.files = files;
  }

  @GetMapping
  @Operation(summary = "The account's KYC data as stored (parts not saved yet are absent)")
  @ApiResponse(responseCode = "200", description = "The profile")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "410",
      description = "kyc.data-erased: the personal data was erased (crypto-shredding)")
  @ApiResponse(
      responseCode = "500",
      description = "kyc.data-tampered: the stored data failed its integrity check")
  ProfileView get(@AuthenticationPrincipal SignedIn user) {
    return ProfileView.of(KycProblems.readable(() -> files.profile(user.accountId(), user.kind())));
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Replace the account's KYC data",
      description =
          "A person sends `{\"person\": {...}}`; a legal entity sends `{\"entity\": {...},"
              + " \"person\": {...the person acting...}, \"beneficialOwners\": {\"form\": \"A\" or"
              + " \"K\", \"owners\": [...]}}`. Every part is required; the owner list replaces the"
              + " previous one. Names are normalised to NFC; control, zero-width and bidi"
              + " characters are refused; look-alike names are accepted and listed in"
              + " `reviewFlags`. Sending the stored data again changes nothing. After the"
              + " submission a change records a new commitment on the ledger.")
  @ApiResponse(responseCode = "200", description = "Saved; the profile as stored")
  @ApiResponse(
      responseCode = "400",
      description =
          "request.malformed-json: not JSON, a duplicate key or a field the profile does not have")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "422",
      description =
          "profile.invalid with errors [{field, code, arguments}] (e.g. person.surname"
              + " name.zero-width), or profile.not-applicable (entity or beneficialOwners for a"
              + " person)")
  ProfileView put(@AuthenticationPrincipal SignedIn user, @RequestBody ProfileForm form) {
    if (user.kind() == AccountKind.PERSON) {
      List<String> extra = new ArrayList<>();
      if (form.entity() != null) {
        extra.add("entity");
      }
      if (form.beneficialOwners() != null) {
        extra.add("beneficialOwners");
      }
      if (!extra.isEmpty()) {
        throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "profile.not-applicable")
            .with("fields", extra);
      }
    }
    List<FieldError> missing = new ArrayList<>();
    if (form.person() == null) {
      missing.add(new FieldError("person", FieldError.Code.REQUIRED));
    }
    if (user.kind() == AccountKind.LEGAL_ENTITY) {
      if (form.entity() == null) {
        missing.add(new FieldError("entity", FieldError.Code.REQUIRED));
      }
      if (form.beneficialOwners() == null) {
        missing.add(new FieldError("beneficialOwners", FieldError.Code.REQUIRED));
      }
    }
    if (!missing.isEmpty()) {
      throw KycProblems.invalid(missing);
    }
    Validation<Profile> saved =
        KycProblems.readable(() -> files.save(user.accountId(), user.kind(), form));
    return switch (saved) {
      case Validation.Valid<Profile> v -> ProfileView.of(v.value());
      case Validation.Invalid<Profile> i -> throw KycProblems.invalid(i.errors());
    };
  }
}
