package org.trademap.server.checks.residence;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.checks.Checks;
import org.trademap.server.checks.Proposal;
import org.trademap.server.kyc.SubjectRef;

/**
 * The residence confirmation joined to the cases: the operators' actions on letters go to the back
 * office's audit log (who, what, when; ids only), and what the letters show is proposed for the
 * residence task — passed when the user entered the code, failed when the letter came back
 * undeliverable ({@link ResidenceStatus.Proposal}). An expired or locked code proposes nothing: the
 * operator makes a new letter. The controllers act through this class.
 */
@Component
class ResidenceCase {
  private static final Logger log = LoggerFactory.getLogger(ResidenceCase.class);

  static final String NOTE_CONFIRMED = "checks.residence.proposal.confirmed";
  static final String NOTE_RETURNED = "checks.residence.proposal.returned";

  private final ResidenceConfirmation residence;
  private final Checks checks;

  ResidenceCase(ResidenceConfirmation residence, Checks checks) {
    this.residence = residence;
    this.checks = checks;
  }

  /** {@link ResidenceConfirmation#generate}, audit-logged. */
  GenerateResult generate(SubjectRef subject, UUID operator, String language) {
    GenerateResult result = residence.generate(subject, operator, language);
    if (result instanceof GenerateResult.Generated) {
      audit(operator, "residence.letter-generated", subject);
    }
    return result;
  }

  /** {@link ResidenceConfirmation#pdf}, audit-logged. */
  PdfResult pdf(UUID letterId, UUID operator) {
    PdfResult result = residence.pdf(letterId, operator);
    if (result instanceof PdfResult.Pdf pdf) {
      audit(operator, "residence.letter-downloaded", pdf.letter().subject());
    }
    return result;
  }

  /** {@link ResidenceConfirmation#markSent}, audit-logged. */
  Letter.Transition markSent(UUID letterId, UUID operator) {
    Letter.Transition result = residence.markSent(letterId, operator);
    if (result instanceof Letter.Transition.Moved moved) {
      audit(operator, "residence.letter-sent", moved.next().subject());
    }
    return result;
  }

  /** {@link ResidenceConfirmation#markReturned}, audit-logged; proposes to fail the check. */
  Letter.Transition markReturned(UUID letterId, UUID operator) {
    Letter.Transition result = residence.markReturned(letterId, operator);
    if (result instanceof Letter.Transition.Moved moved) {
      audit(operator, "residence.letter-returned", moved.next().subject());
      propose(moved.next().subject());
    }
    return result;
  }

  /** {@link ResidenceConfirmation#confirm}; the right code proposes to pass the check. */
  ConfirmResult confirm(UUID accountId, String typed) {
    ConfirmResult result = residence.confirm(accountId, typed);
    if (result instanceof ConfirmResult.Confirmed confirmed) {
      propose(confirmed.letter().subject());
    }
    return result;
  }

  private void audit(UUID operator, String action, SubjectRef subject) {
    checks.audit(operator, action, subject, CheckProcess.RESIDENCE_CONFIRMATION);
  }

  /** Proposes what the subject's letters show, if they show a result. */
  void propose(SubjectRef subject) {
    Optional<Proposal> proposal =
        residence
            .status(subject)
            .flatMap(
                status ->
                    switch (status.proposal()) {
                      case PASSED ->
                          Optional.of(new Proposal(CheckResult.PASSED, false, NOTE_CONFIRMED));
                      case FAILED ->
                          Optional.of(new Proposal(CheckResult.FAILED, false, NOTE_RETURNED));
                      case PENDING, NEW_LETTER_NEEDED -> Optional.empty();
                    });
    proposal.ifPresent(
        p -> {
          boolean stored = checks.propose(subject, CheckProcess.RESIDENCE_CONFIRMATION, p);
          log.info(
              "subject {}: residence check proposal {} ({})",
              subject,
              p.note(),
              stored ? "stored" : "no open task");
        });
  }
}
