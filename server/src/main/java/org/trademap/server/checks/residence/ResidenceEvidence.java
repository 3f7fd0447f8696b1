package org.trademap.server.checks.residence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.checks.CheckEvidence;
import org.trademap.server.checks.Evidence;
import org.trademap.server.checks.EvidenceRequest;

/**
 * The residence confirmation on the case page: the current letter's state, what it proposes, the
 * earlier letters, and the operator's actions as forms ({@link ResidenceCasePages}): make a letter,
 * download its PDF, mark it sent, mark it returned. No address, no code. Read-only.
 */
@Component
class ResidenceEvidence implements CheckEvidence {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * A letter as the case page lists it.
   *
   * @param id the letter
   * @param issue its number
   * @param state its state's API name
   * @param createdAt when it was made (UTC)
   * @param expiresAt when its code stops working (UTC)
   */
  record Row(String id, int issue, String state, String createdAt, String expiresAt) {}

  private final ResidenceConfirmation residence;
  private final Clock clock;

  ResidenceEvidence(ResidenceConfirmation residence, ObjectProvider<Clock> clock) {
    this.residence = residence;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Override
  public CheckProcess process() {
    return CheckProcess.RESIDENCE_CONFIRMATION;
  }

  @Override
  public Optional<Evidence> evidence(EvidenceRequest request) {
    return residence
        .status(request.ref())
        .map(
            status -> {
              Instant now = clock.instant();
              Map<String, Object> model = new HashMap<>();
              model.put("ref", request.ref().value());
              model.put("state", status.stateName());
              model.put(
                  "proposal", status.proposal().name().toLowerCase(Locale.ROOT).replace('_', '-'));
              model.put("attemptsLeft", status.attemptsLeft());
              model.put(
                  "letters",
                  status.letters().stream()
                      .map(
                          l ->
                              new Row(
                                  l.id().toString(),
                                  l.issue(),
                                  l.stateAt(now).apiName(),
                                  UTC_TIME.format(l.createdAt()),
                                  UTC_TIME.format(l.expiresAt())))
                      .toList());
              Letter current = status.current();
              if (current != null) {
                model.put("current", current.id().toString());
                model.put("unprintable", current.unprintable());
              }
              return new Evidence("checks/residence/evidence", "letters", model);
            });
  }
}
