package org.trademap.server.ledgergateway;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.Ledger;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.node.Subscription;
import org.trademap.ledger.api.node.TransactionRecord;

/** A ledger node that answers each submission as the test says; it serves nothing else. */
final class FakeLedger implements Ledger {
  private final Function<byte[], CompletableFuture<SubmitResult>> submissions;

  FakeLedger(Function<byte[], CompletableFuture<SubmitResult>> submissions) {
    this.submissions = submissions;
  }

  /** A node whose every submission fails with the given exception, as the node's future does. */
  static FakeLedger failing(RuntimeException failure) {
    return new FakeLedger(bytes -> CompletableFuture.failedFuture(failure));
  }

  @Override
  public LedgerStatus status() {
    return new LedgerStatus("fake", "consortium", 0, Hash.ZERO, Hash.ZERO, "leader", List.of());
  }

  @Override
  public CompletableFuture<SubmitResult> submit(byte[] signedTransaction) {
    return submissions.apply(signedTransaction);
  }

  @Override
  public Optional<ChannelLedger> channel(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Genesis genesis() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Block> block(long height) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<TransactionRecord> transaction(Hash txId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long nextNonce(PublicKey signer) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long sync() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Subscription subscribe(long fromHeight, Consumer<Block> listener) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
