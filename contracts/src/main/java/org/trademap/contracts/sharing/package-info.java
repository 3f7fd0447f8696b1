/**
 * The sharing contract ({@code kyc-sharing}): the consortium's on-ledger record of each account
 * opening a person applies for at a securities company (JPX §5 and Table 7-1).
 *
 * <p>On the shared channel an application names the company only as a salted 32-byte commitment
 * (JPX ③-A): every participant can check that the application's status changes follow the rules
 * without learning which company it is. {@link org.trademap.contracts.sharing.SharingRegistry} is
 * the contract; clients build its arguments with {@link
 * org.trademap.contracts.sharing.SharingCalls} and read its records with {@link
 * org.trademap.contracts.sharing.SharingRecords}.
 */
@NullMarked
package org.trademap.contracts.sharing;

import org.jspecify.annotations.NullMarked;
