/**
 * The personal-data vault: envelope encryption of personal data and documents at rest, and the
 * salted commitments the ledger stores instead of them.
 *
 * <p>{@link org.trademap.server.vault.Vault} seals data with AES-256-GCM under one random data key
 * per subject ({@link org.trademap.server.vault.SubjectId}); the data keys are wrapped by a
 * key-encryption key (KEK) from configuration ({@link org.trademap.server.vault.VaultProperties})
 * and kept in the table {@code vault_subject_key}. Erasure destroys a subject's data key and salt
 * (crypto-shredding); from then on its ciphertexts decrypt to {@link
 * org.trademap.server.vault.Decrypted.Shredded} and its commitment can no longer be computed.
 */
@NullMarked
package org.trademap.server.vault;

import org.jspecify.annotations.NullMarked;
