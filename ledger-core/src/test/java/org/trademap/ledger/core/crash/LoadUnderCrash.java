package org.trademap.ledger.core.crash;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;

/**
 * The child process of {@link CrashConsistencyIT}: starts a node on a data directory and submits
 * {@code notes.put} transactions from several threads until it is killed (or, at the latest, after
 * a deadline, so that nothing outlives a test run that died).
 *
 * <p>Prints to standard output, one line each: {@code READY <height>} once the node serves, then
 * {@code ACK <txIdHex> <height>} for every transaction the node reported committed and accepted.
 * Anything else it prints ({@code NACK}, {@code ERROR}) is for diagnosis only.
 *
 * <p>Arguments: data directory, number of submitting threads, seconds until it exits by itself,
 * blocks between snapshots.
 */
public final class LoadUnderCrash {
  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  private final LedgerNode node;
  private final KeyPair key;
  private final Object submitLock = new Object();
  private long nextNonce;

  private LoadUnderCrash(LedgerNode node) {
    this.node = node;
    this.key = node.nodeKey();
    this.nextNonce = node.nextNonce(key.publicKey());
  }

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    long lifetimeSeconds = Long.parseLong(args[2]);
    long snapshotEvery = Long.parseLong(args[3]);
    Thread.ofPlatform()
        .daemon()
        .name("load-deadline")
        .start(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(lifetimeSeconds));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              // Halt, not exit: the point is to never outlive the deadline, hooks or not.
              Runtime.getRuntime().halt(3);
            });
    LedgerNode node =
        LedgerNode.start(
            NodeConfig.embedded(dir).withSnapshotEveryBlocks(snapshotEvery), TestChain.notes());
    print("READY " + node.status().height());
    LoadUnderCrash load = new LoadUnderCrash(node);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers.add(Thread.ofPlatform().name("load-" + i).start(load::submitForever));
    }
    for (Thread t : workers) {
      t.join();
    }
  }

  private static void print(String line) {
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }

  private void submitForever() {
    while (true) {
      CompletableFuture<SubmitResult> future;
      // Nonces are taken and queued under one lock, so the queue holds them in nonce order.
      synchronized (submitLock) {
        long nonce = nextNonce++;
        SignedTransaction tx =
            Txs.on(node.genesis(), System.currentTimeMillis())
                .put("n" + nonce, "value of " + nonce)
                .nonce(nonce)
                .signedBy(key);
        future = node.submit(tx.encode());
      }
      try {
        SubmitResult r = future.get(30, TimeUnit.SECONDS);
        if (r instanceof SubmitResult.Committed c && c.code() == ValidationCode.OK) {
          print("ACK " + c.txId().hex() + " " + c.height());
        } else {
          print("NACK " + r.txId().hex() + " " + r.code());
        }
      } catch (ExecutionException | TimeoutException e) {
        print("ERROR " + e);
        pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
