package org.trademap.server.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.api.node.Ledger;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;

/**
 * Reads a whole ledger block by block, to count what it recorded: e.g. every registration of one
 * subject reference, whichever transaction carried it.
 */
public final class LedgerScan {

  /**
   * A transaction as a block recorded it.
   *
   * @param height the block
   * @param transaction the signed transaction
   * @param receipt its receipt
   */
  public record Recorded(long height, SignedTransaction transaction, Receipt receipt) {
    /** The contract method it called. */
    public String method() {
      return transaction.body().method();
    }

    /** Whether the contract executed it and accepted it. */
    public boolean accepted() {
      return receipt.code() == ValidationCode.OK;
    }
  }

  private LedgerScan() {}

  /** Every recorded transaction whose arguments contain {@code text} (UTF-8), oldest first. */
  public static List<Recorded> mentioning(Ledger ledger, String text) {
    return mentioning(ledger.status().height(), ledger::block, text);
  }

  /** Every transaction recorded on one channel whose arguments contain {@code text}. */
  public static List<Recorded> mentioning(ChannelLedger channel, String text) {
    return mentioning(channel.status().height(), channel::block, text);
  }

  private static List<Recorded> mentioning(
      long head, LongFunction<Optional<Block>> blocks, String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<Recorded> found = new ArrayList<>();
    for (long height = 1; height <= head; height++) {
      Block block = blocks.apply(height).orElseThrow();
      for (int i = 0; i < block.transactions().size(); i++) {
        SignedTransaction tx = block.transactions().get(i);
        if (contains(tx.body().args(), needle)) {
          found.add(new Recorded(height, tx, block.receipts().get(i)));
        }
      }
    }
    return found;
  }

  /** Whether {@code haystack} contains {@code needle}. */
  public static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
