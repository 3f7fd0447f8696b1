package org.trademap.server.checks.residence;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * The stored form of a residence code: {@code HMAC-SHA256(pepper, salt ‖ fields)} through {@link
 * Vault#commitment}, with the subject's salt, over the length-prefixed fields {@value #DOMAIN}, the
 * letter id and the code. The pepper lives outside the database (ADR 0010), so a copy of the
 * database alone does not allow trying the 2<sup>45</sup> possible codes offline; the letter id
 * binds the hash to its letter, and the domain tag keeps it apart from the KYC commitments (whose
 * first field is {@code trademap.kyc.…}).
 */
final class CodeHashes {
  /** The first field of the hashed bytes. */
  static final String DOMAIN = "trademap.residence.code.v1";

  private final Vault vault;

  CodeHashes(Vault vault) {
    this.vault = vault;
  }

  /** The hash of the code of a letter to the subject; empty if the subject was erased. */
  Optional<byte[]> of(SubjectId subject, UUID letterId, ConfirmationCode code) {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    for (String field : new String[] {DOMAIN, letterId.toString(), code.value()}) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      fields.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      fields.writeBytes(bytes);
    }
    return vault.commitment(subject, fields.toByteArray());
  }

  /** Whether two hashes are equal, in time that does not depend on where they differ. */
  static boolean same(byte[] stored, byte[] entered) {
    return MessageDigest.isEqual(stored, entered);
  }
}
