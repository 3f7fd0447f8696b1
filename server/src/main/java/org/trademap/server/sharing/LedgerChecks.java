package org.trademap.server.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckRecord;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.contracts.kyc.KycRegistryRecords;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.server.ledgergateway.LedgerGateway;

/**
 * The consortium's common check results of each subject, as the ledger holds them (JPX §6.2 (2)):
 * every accepted {@code kyc-registry.record-check} with its transaction and block. Read from the
 * committed blocks, incrementally: each call first reads the blocks added since the last one. The
 * ledger is the only source, so a package's history can be compared with it record by record.
 */
@Component
class LedgerChecks {

  /**
   * One recorded check.
   *
   * @param sequence its position in the subject's history
   * @param process the check
   * @param result its result
   * @param operator the operator's pseudonym
   * @param completedAt when it was completed
   * @param recordedAt the block time that recorded it
   * @param txId the transaction (64 hex digits)
   * @param height the block
   */
  record Check(
      long sequence,
      String process,
      String result,
      String operator,
      Instant completedAt,
      Instant recordedAt,
      String txId,
      long height) {}

  private final LedgerGateway ledger;
  private final Map<String, List<Check>> bySubject = new HashMap<>();
  private long scanned = -1;

  LedgerChecks(LedgerGateway ledger) {
    this.ledger = ledger;
  }

  /** The subject's checks in ledger order. */
  synchronized List<Check> of(String subjectRef) {
    catchUp();
    return List.copyOf(bySubject.getOrDefault(subjectRef, List.of()));
  }

  /**
   * Whether a package's check history is the ledger's, record for record (the ledger may have
   * recorded more since the package was assembled).
   */
  boolean matches(String subjectRef, List<Check> claimed) {
    List<Check> onLedger = of(subjectRef);
    return claimed.size() <= onLedger.size() && onLedger.subList(0, claimed.size()).equals(claimed);
  }

  /**
   * Whether the subject's KYC is approved: its latest {@code approval} record on the ledger says
   * passed.
   */
  boolean approved(String subjectRef) {
    @org.jspecify.annotations.Nullable Check latest = null;
    for (Check c : of(subjectRef)) {
      if (c.process().equals(CheckProcess.APPROVAL.wireName())) {
        latest = c;
      }
    }
    return latest != null && latest.result().equals(CheckResult.PASSED.wireName());
  }

  /**
   * Whether the ledger recorded exactly this check: the transaction exists, was accepted, is a
   * {@code record-check} of the subject and its recorded event equals the check.
   */
  boolean confirms(String subjectRef, Check check) {
    Optional<TransactionRecord> found;
    try {
      found = ledger.transaction(Hash.ofHex(check.txId()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (found.isEmpty() || found.get().height() != check.height()) {
      return false;
    }
    List<Check> recorded = new ArrayList<>();
    read(found.get().transaction().body(), found.get().receipt(), check.height(), recorded);
    return recorded.size() == 1
        && recorded.getFirst().equals(check)
        && subjectOf(found.get().receipt()).equals(Optional.of(subjectRef));
  }

  /** Reads the blocks up to the head as of a read barrier: decisions see every committed check. */
  private void catchUp() {
    long head = ledger.sync();
    for (long h = scanned + 1; h <= head; h++) {
      Optional<Block> block = ledger.block(h);
      if (block.isEmpty()) {
        return;
      }
      for (int i = 0; i < block.get().transactions().size(); i++) {
        Receipt receipt = block.get().receipts().get(i);
        List<Check> found = new ArrayList<>();
        read(block.get().transactions().get(i).body(), receipt, h, found);
        Optional<String> subject = subjectOf(receipt);
        if (!found.isEmpty() && subject.isPresent()) {
          bySubject.computeIfAbsent(subject.get(), s -> new ArrayList<>()).addAll(found);
        }
      }
      scanned = h;
    }
  }

  private static void read(Transaction tx, Receipt receipt, long height, List<Check> out) {
    if (!receipt.accepted()
        || !tx.contractId().equals(KycRegistry.ID)
        || !tx.method().equals(KycRegistry.RECORD_CHECK)) {
      return;
    }
    for (ContractEvent event : receipt.events()) {
      if (event.name().equals(KycRegistry.CHECK_RECORDED)) {
        CheckRecord r = KycRegistryRecords.decodeCheck(event.data());
        out.add(
            new Check(
                r.sequence(),
                r.process().wireName(),
                r.result().wireName(),
                r.operatorPseudonym(),
                Instant.ofEpochMilli(r.completedAtMillis()),
                Instant.ofEpochMilli(r.recordedAtMillis()),
                receipt.txId().hex(),
                height));
      }
    }
  }

  private static Optional<String> subjectOf(Receipt receipt) {
    for (ContractEvent event : receipt.events()) {
      if (event.name().equals(KycRegistry.CHECK_RECORDED)) {
        return Optional.of(KycRegistryRecords.decodeCheck(event.data()).subjectRef());
      }
    }
    return Optional.empty();
  }
}
