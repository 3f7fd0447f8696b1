package org.trademap.server.identity;

/**
 * Who an account acts as. Every role is in the model from the start, even those that have no pages
 * yet.
 */
public enum Role {
  /** A person or a company's representative going through KYC onboarding. */
  USER,
  /** Runs a node of the consortium's ledger and its governance. */
  CONSORTIUM_OPERATOR,
  /** A regulator's or self-regulatory body's supervisor with read access for oversight. */
  SUPERVISOR,
  /** Staff of a member company who review the applicants that shared their KYC with it. */
  COMPANY_STAFF,
  /** The platform operator's own staff (support, operations). */
  PLATFORM,
  /** An auditor who reads the audit trail and the ledger. */
  AUDITOR,
  /**
   * Staff of the consortium's account-opening department who work the KYC checks: claims tasks from
   * the work queue, completes them with a result and decides cases.
   */
  KYC_OPERATOR,
  /**
   * A senior member of the account-opening department: everything an operator does, plus the second
   * pair of eyes on high-risk results and overrides (four eyes), and reading the audit log.
   */
  KYC_SUPERVISOR,
  /** Manages the staff accounts of the back office: invites operators, supervisors and admins. */
  ADMINISTRATOR,
  /**
   * Staff of one securities company who open the KYC packages shared with their company and review
   * the applicants (bound to the company in {@code sharing}).
   */
  COMPANY_REVIEWER,
  /**
   * Staff of one securities company who, besides reviewing, record the account-opening decision.
   */
  COMPANY_APPROVER;

  /**
   * Whether accounts in this role must sign in with a second factor. Every role except {@link
   * #USER} acts on other people's data, so a password alone is never enough for it; for users the
   * second factor is optional.
   */
  public boolean requiresSecondFactor() {
    return this != USER;
  }

  /** The authority name for access control, e.g. {@code ROLE_COMPANY_STAFF}. */
  public String authority() {
    return "ROLE_" + name();
  }
}
