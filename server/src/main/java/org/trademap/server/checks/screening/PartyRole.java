package org.trademap.server.checks.screening;

/** Who a screened party is in the subject's KYC file. */
public enum PartyRole {
  /** The person or company the file is about. */
  SUBJECT,
  /** A beneficial owner of the company (Form A). */
  BENEFICIAL_OWNER,
  /** A controlling person of the company (Form K). */
  CONTROLLING_PERSON,
  /** Someone who acts or signs for the subject. */
  REPRESENTATIVE
}
