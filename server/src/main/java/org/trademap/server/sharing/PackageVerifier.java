package org.trademap.server.sharing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.trademap.contracts.sharing.SharingRecords;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.TransactionRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks a company makes on a package before anything of it is shown (②-C, ②-A), the same on
 * the consortium's server (hosted companies) and on a company's own server (ADR 0035): the ledger's
 * {@code share} (or {@code update}) names the application, the company's recipient commitment and
 * the SHA-256 of exactly the sealed bytes; the bytes open with the company's key and name the same
 * application and company; each recorded step's signature verifies and names its member.
 */
final class PackageVerifier {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The calls that record a package's hash: the first one, and updates (③-D). */
  private static final Set<String> SHARING_METHODS =
      Set.of(SharingRegistry.SHARE, SharingRegistry.UPDATE);

  private PackageVerifier() {}

  /**
   * The share the ledger recorded for these sealed bytes, if the transaction is an accepted, not
   * refused {@code share} or {@code update} of this application, to this commitment, with this
   * hash.
   */
  static Optional<SharingRecords.Share> share(
      Optional<TransactionRecord> tx, String applicationRef, byte[] commitment, byte[] sealed) {
    if (tx.isEmpty()) {
      return Optional.empty();
    }
    SharingRecords.Share share;
    try {
      if (!tx.get().receipt().accepted()
          || SharingRecords.decodeResult(tx.get().receipt().value()).refused()
          || !SHARING_METHODS.contains(tx.get().transaction().body().method())) {
        return Optional.empty();
      }
      share = SharingRecords.decodeShare(tx.get().transaction().body().args());
    } catch (EncodingException e) {
      return Optional.empty();
    }
    if (!share.applicationRef().equals(applicationRef)
        || !MessageDigest.isEqual(share.recipientCommitment(), commitment)
        || !MessageDigest.isEqual(share.packageHash(), Applications.sha256(sealed))) {
      return Optional.empty();
    }
    return Optional.of(share);
  }

  /**
   * The package, if the sealed bytes open with the keys (associated data: the application
   * reference) and name this application and company.
   */
  static Optional<KycPackage> unseal(
      Hpke.Keys keys, String applicationRef, String companyId, byte[] sealed) {
    Optional<byte[]> plaintext =
        Hpke.open(keys, applicationRef.getBytes(StandardCharsets.US_ASCII), sealed);
    if (plaintext.isEmpty()) {
      return Optional.empty();
    }
    KycPackage kycPackage;
    try {
      kycPackage = JSON.readValue(plaintext.get(), KycPackage.class);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    return kycPackage.applicationRef().equals(applicationRef)
            && kycPackage.companyId().equals(companyId)
        ? Optional.of(kycPackage)
        : Optional.empty();
  }

  /**
   * The application's accepted ledger transactions with their signers (②-A), in the given order.
   */
  static List<Applications.SignedStep> steps(Genesis genesis, List<TransactionRecord> recorded) {
    Map<PublicKey, Genesis.Member> members = new HashMap<>();
    for (Genesis.Member m : genesis.members()) {
      members.put(m.key(), m);
    }
    List<Applications.SignedStep> steps = new ArrayList<>();
    for (TransactionRecord tx : recorded) {
      SharingRecords.Result result = SharingRecords.decodeResult(tx.receipt().value());
      PublicKey signer = tx.transaction().body().signer();
      Genesis.Member member = members.get(signer);
      steps.add(
          new Applications.SignedStep(
              tx.transaction().body().method(),
              result.refused() ? "refused" : result.detail(),
              tx.transaction().id().hex(),
              tx.height(),
              member == null ? "unknown" : member.id(),
              member == null ? "unknown" : member.role(),
              signer.hex(),
              tx.transaction().verifySignature()));
    }
    return steps;
  }

  /** The status the application's recorded transactions set, and how many shares were refused. */
  static Applications.LedgerView ledgerView(
      String applicationRef, List<TransactionRecord> recorded, boolean pending) {
    String status = "pending";
    int refused = 0;
    List<String> txs = new ArrayList<>();
    for (TransactionRecord tx : recorded) {
      txs.add(tx.transaction().id().hex());
      SharingRecords.Result result = SharingRecords.decodeResult(tx.receipt().value());
      if (result.refused()) {
        refused++;
      } else {
        status = result.detail();
      }
    }
    return new Applications.LedgerView(applicationRef, status, pending, txs, refused);
  }
}
