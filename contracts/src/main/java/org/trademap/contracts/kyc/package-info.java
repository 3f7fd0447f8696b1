/**
 * The KYC registry contract ({@code kyc-registry}): the consortium's on-ledger record of who was
 * registered and which common checks were done, without any personal data.
 *
 * <p>The ledger sees only an opaque subject reference and a salted 32-byte commitment to the
 * subject's personal data (the data itself stays in the server's vault), plus one record per
 * completed check with the operator's pseudonym. {@link org.trademap.contracts.kyc.KycRegistry} is
 * the contract; clients build its arguments with {@link
 * org.trademap.contracts.kyc.KycRegistryCalls} and read its records and events with {@link
 * org.trademap.contracts.kyc.KycRegistryRecords} and {@link
 * org.trademap.contracts.kyc.KycRegistryEvent}.
 */
@NullMarked
package org.trademap.contracts.kyc;

import org.jspecify.annotations.NullMarked;
