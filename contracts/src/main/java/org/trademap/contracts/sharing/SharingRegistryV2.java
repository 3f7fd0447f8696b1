package org.trademap.contracts.sharing;

/**
 * Version {@value SharingRegistry#UPDATE_VERSION} of the sharing contract: everything of version 1
 * plus {@value SharingRegistry#UPDATE}{@code (applicationRef, recipientCommitment, packageHash)},
 * the arguments of {@code share} ({@link SharingCalls#share}), which records an updated package for
 * the designated company of an application that is {@code shared} or {@code approved} (JPX ③-D: a
 * change of personal data or a finished re-KYC reaches the companies holding an account). The
 * status does not change; the event {@value SharingRegistry#PACKAGE_UPDATED} {@code
 * (applicationRef, packageHash, blockTime)} is emitted. A chain whose genesis names version 1
 * switches to this one by a governance upgrade (ADR 0028); new chains start with it.
 */
public final class SharingRegistryV2 extends SharingRegistry {

  /** Creates the contract; {@link java.util.ServiceLoader} uses this constructor. */
  public SharingRegistryV2() {
    super(UPDATE_VERSION);
  }
}
