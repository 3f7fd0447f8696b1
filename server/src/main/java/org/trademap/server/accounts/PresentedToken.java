package org.trademap.server.accounts;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.server.identity.TokenCheck;
import org.trademap.server.identity.TokenPurpose;
import org.trademap.server.identity.TokenService;

/**
 * A one-time token from a link, looked up and checked for the purpose of the page or endpoint it
 * was presented to. A token issued for another purpose is {@link VerificationResult.Reason#INVALID}
 * like an unknown one: its hash under this purpose matches nothing.
 */
sealed interface PresentedToken {
  Logger log = LoggerFactory.getLogger(PresentedToken.class);

  /**
   * The token is valid now; the caller still has to mark it used.
   *
   * @param hash its stored hash, for {@link AccountRepository#markTokenUsed}
   * @param accountId the account it was issued to
   */
  record Valid(String hash, UUID accountId) implements PresentedToken {}

  /**
   * The token is refused.
   *
   * @param reason why: expired, used, or invalid
   */
  record Refused(VerificationResult.Reason reason) implements PresentedToken {}

  /** Looks the token up under {@code purpose} and checks it (without marking it used). */
  static PresentedToken check(
      AccountRepository repository, TokenService tokens, TokenPurpose purpose, String rawToken) {
    String hash = tokens.hashOf(purpose, rawToken);
    Optional<AccountRepository.TokenRow> row = repository.findToken(hash);
    TokenCheck check =
        tokens.check(row.map(AccountRepository.TokenRow::token).orElse(null), rawToken, purpose);
    VerificationResult.Reason refusal =
        switch (check) {
          case TokenCheck.Valid v -> null;
          case TokenCheck.Expired e -> VerificationResult.Reason.EXPIRED;
          case TokenCheck.Used u -> VerificationResult.Reason.USED;
          case TokenCheck.WrongPurpose w -> VerificationResult.Reason.INVALID;
          case TokenCheck.Unknown u -> VerificationResult.Reason.INVALID;
        };
    if (refusal != null || row.isEmpty()) {
      log.info("{} token refused: {}", purpose, check.getClass().getSimpleName());
      return new Refused(refusal == null ? VerificationResult.Reason.INVALID : refusal);
    }
    return new Valid(hash, row.get().accountId());
  }
}
