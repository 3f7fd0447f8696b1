/**
 * Account opening at securities companies with consent-bound KYC sharing (JPX §5, Table 7-1).
 *
 * <p>{@link org.trademap.server.sharing.Companies} knows the securities companies (id, name, HPKE
 * public key; the private key sealed by the vault on the single-node default) and which company
 * each company staff account acts for. A user whose KYC was approved on the ledger applies at a
 * company ({@code /api/v1/me/applications}, page {@code /me/applications}); the consent is scoped
 * to that company and the purpose "account opening" and is withdrawable. The server assembles the
 * KYC package (personal data, documents, the consortium's check history read from the ledger),
 * seals it to that company only (HPKE, RFC 9180) and records the application and the package hash
 * through the {@code kyc-sharing} contract, where the company appears only as a salted commitment.
 * The company's staff ({@code /api/v1/company/applications}, pages {@code /company}) open the
 * package only after it verified against the ledger, and record their decision on the ledger.
 */
@NullMarked
package org.trademap.server.sharing;

import org.jspecify.annotations.NullMarked;
