/**
 * Hashes and Ed25519 signatures. Ed25519 is BouncyCastle's RFC 8032 implementation (about eight
 * times faster than the JDK provider on these machines) with strict verification: non-canonical S
 * and public keys that are not canonical points of prime order are refused.
 */
@NullMarked
package org.trademap.ledger.api.crypto;

import org.jspecify.annotations.NullMarked;
