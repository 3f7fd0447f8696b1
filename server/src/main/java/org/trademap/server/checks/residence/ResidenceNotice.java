package org.trademap.server.checks.residence;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.trademap.server.kyc.MyPageNotice;

/**
 * On My Page, while the user's current residence letter is sent and waiting for its code: a
 * sentence that it is on its way, with a link to {@code /me/residence} where the code is entered.
 */
@Component
class ResidenceNotice implements MyPageNotice {
  private final ResidenceConfirmation residence;

  ResidenceNotice(ResidenceConfirmation residence) {
    this.residence = residence;
  }

  @Override
  public Optional<Notice> notice(UUID accountId) {
    return residence
        .statusOfAccount(accountId)
        .filter(s -> s.state() instanceof LetterState.Sent)
        .map(
            s ->
                new Notice(
                    "checks.residence.me-notice",
                    "checks.residence.me-notice.link",
                    ResidencePage.PATH));
  }
}
