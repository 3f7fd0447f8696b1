package org.trademap.server.sharing;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The KYC package a company receives for one application (format {@value #FORMAT}): JSON, sealed to
 * the company with HPKE. The ledger holds the SHA-256 of the sealed bytes.
 *
 * @param format {@value #FORMAT}
 * @param applicationRef the application's ledger reference (also the HPKE associated data)
 * @param subjectRef the subject's reference in the KYC registry
 * @param companyId the company it is for
 * @param purpose what the person consented to
 * @param consentVersion the version of the consent text
 * @param assembledAt when the consortium assembled it
 * @param profile the person's or entity's data as the KYC file holds it
 * @param documents the identity documents
 * @param checks the consortium's common check results, each with its ledger transaction
 */
record KycPackage(
    String format,
    String applicationRef,
    String subjectRef,
    String companyId,
    String purpose,
    String consentVersion,
    Instant assembledAt,
    JsonNode profile,
    List<Document> documents,
    List<LedgerChecks.Check> checks) {

  static final String FORMAT = "trademap.kyc-package/1";

  /** Copies the lists. */
  KycPackage {
    documents = List.copyOf(documents);
    checks = List.copyOf(checks);
  }

  /**
   * One document.
   *
   * @param kind the document kind's API name
   * @param mediaType its media type
   * @param sha256 SHA-256 of the content (hex)
   * @param content the content in base64
   */
  record Document(String kind, String mediaType, String sha256, String content) {}

  @Override
  public String toString() {
    return "KycPackage[" + applicationRef + ", data hidden]";
  }
}
