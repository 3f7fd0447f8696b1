package org.trademap.server.checks.residence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.checks.residence.LetterState.Dispatch;

/**
 * A residence letter as the operator API shows it: no code, no address.
 *
 * @param id the letter's id (printed on it as its reference)
 * @param subject the subject's reference
 * @param issue 1, 2, … per subject; the highest is the current letter
 * @param state generated, sent, confirmed, returned, expired, locked or superseded
 * @param language en or de
 * @param createdAt when it was made
 * @param generatedBy the operator who made it
 * @param expiresAt from when its code no longer works
 * @param sentAt when it was marked sent
 * @param sentBy who marked it sent
 * @param confirmedAt when the subject entered its code
 * @param returnedAt when it was marked returned
 * @param returnedBy who marked it returned
 * @param lockedAt when the last allowed wrong code locked it
 * @param supersededAt when a newer letter replaced it
 * @param failedAttempts wrong codes entered for it
 * @param unprintable characters of the address printed as ? (check the letter when not 0)
 * @param pdf where to download the PDF, while it can be
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ResidenceLetter")
record LetterView(
    UUID id,
    String subject,
    int issue,
    String state,
    String language,
    Instant createdAt,
    UUID generatedBy,
    Instant expiresAt,
    @Nullable Instant sentAt,
    @Nullable UUID sentBy,
    @Nullable Instant confirmedAt,
    @Nullable Instant returnedAt,
    @Nullable UUID returnedBy,
    @Nullable Instant lockedAt,
    @Nullable Instant supersededAt,
    int failedAttempts,
    int unprintable,
    @Nullable String pdf) {

  static LetterView of(Letter letter, Instant now) {
    LetterState state = letter.stateAt(now);
    Dispatch dispatch = state.dispatch();
    return new LetterView(
        letter.id(),
        letter.subject().value(),
        letter.issue(),
        state.apiName(),
        letter.language(),
        letter.createdAt(),
        letter.generatedBy(),
        letter.expiresAt(),
        dispatch == null ? null : dispatch.at(),
        dispatch == null ? null : dispatch.by(),
        state instanceof LetterState.Confirmed c ? c.confirmedAt() : null,
        state instanceof LetterState.Returned r ? r.returnedAt() : null,
        state instanceof LetterState.Returned r ? r.returnedBy() : null,
        state instanceof LetterState.Locked l ? l.lockedAt() : null,
        state instanceof LetterState.Superseded s ? s.supersededAt() : null,
        letter.failedAttempts(),
        letter.unprintable(),
        state instanceof LetterState.Generated
            ? ResidenceOperatorController.LETTERS + "/" + letter.id() + "/pdf"
            : null);
  }
}
