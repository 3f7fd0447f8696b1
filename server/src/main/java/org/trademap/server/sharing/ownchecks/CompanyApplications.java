package org.trademap.server.sharing.ownchecks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.checks.screening.Party;
import org.trademap.server.vault.SubjectId;

/**
 * What the company's own checks need from account opening, implemented there: which company a staff
 * member acts for, and the parties of an application's package once it verified against the ledger.
 */
public interface CompanyApplications {

  /** The company the account acts for, if it is company staff. */
  Optional<String> companyOf(SignedIn staff);

  /**
   * The application of the staff member's company with its verified package's parties; refused with
   * {@code 404 sharing.application-not-found} for anyone else, and with the package's own refusals
   * (pending, altered, withdrawn).
   */
  Lookup reviewed(SignedIn staff, UUID applicationId);

  /** What {@link #reviewed} came to. */
  sealed interface Lookup {}

  /**
   * The application, its package verified.
   *
   * @param applicationId the application
   * @param companyId the staff member's company, which the application is at
   * @param subject the person's (or entity's) vault subject: own-check details are sealed under it
   * @param state the application's state: {@code applied}, {@code approved}, {@code rejected}
   * @param parties the package's subject first, then the person acting for an entity and its
   *     owners, as screening takes them
   */
  record Reviewed(
      UUID applicationId, String companyId, SubjectId subject, String state, List<Party> parties)
      implements Lookup {
    /** Copies the parties. */
    public Reviewed {
      parties = List.copyOf(parties);
    }
  }

  /**
   * Refused; the problem code says why.
   *
   * @param status the HTTP status
   * @param code the problem code
   */
  record Refused(HttpStatus status, String code) implements Lookup {}
}
