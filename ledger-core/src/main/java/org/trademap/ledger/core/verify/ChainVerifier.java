package org.trademap.ledger.core.verify;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.store.InMemoryStore;
import org.trademap.ledger.core.store.KeyValueStore;

/** Re-verifies a stored chain from genesis by replaying it into a fresh in-memory store. */
public final class ChainVerifier {

  /**
   * The result.
   *
   * @param ok whether everything verified
   * @param height the head height if ok, else the first bad height
   * @param problem what is wrong; empty if ok
   * @param head the verified head, if ok
   */
  public record Report(boolean ok, long height, String problem, @Nullable Head head) {
    static Report failed(long height, String problem) {
      return new Report(false, height, problem, null);
    }
  }

  private ChainVerifier() {}

  public static Report verify(
      ChainStore chain, ContractRegistry contracts, SignatureChecker signatures) {
    Optional<Genesis> maybeGenesis;
    try {
      maybeGenesis = chain.genesis();
    } catch (EncodingException e) {
      return Report.failed(0, "the stored genesis document cannot be decoded");
    }
    if (maybeGenesis.isEmpty()) {
      return Report.failed(0, "there is no genesis document");
    }
    Genesis genesis = maybeGenesis.get();
    byte[] raw0 = chain.blockBytes(0);
    String channel;
    try {
      channel = raw0 == null ? genesis.channel() : Block.decode(raw0).header().channel();
    } catch (EncodingException e) {
      return Report.failed(0, "block 0 cannot be decoded");
    }
    if (genesis.channel(channel).isEmpty()) {
      return Report.failed(0, "block 0 names channel " + channel + ", which is not in genesis");
    }
    Block block0 = BlockExecutor.genesisBlock(genesis, channel);
    if (raw0 == null || !Arrays.equals(raw0, block0.encode())) {
      return Report.failed(0, "block 0 is not the genesis block of the genesis document");
    }
    Optional<Head> storedHead = chain.head();
    if (storedHead.isEmpty()) {
      return Report.failed(0, "there is no head");
    }
    InMemoryStore replayStore = new InMemoryStore();
    try {
      ChainStore replay = new ChainStore(replayStore);
      replay.initGenesis(genesis, block0, block0.header().stateRoot());
      BlockExecutor executor = new BlockExecutor(genesis, channel, contracts, signatures);
      Head prev = replay.requireHead();
      long last = Math.max(storedHead.get().height(), lastStoredHeight(chain));
      for (long h = 1; h <= last; h++) {
        byte[] raw = chain.blockBytes(h);
        if (raw == null) {
          return Report.failed(h, "the block is missing");
        }
        Block block;
        try {
          block = Block.decode(raw);
        } catch (EncodingException e) {
          return Report.failed(h, "the block cannot be decoded: " + e.getMessage());
        }
        String problem = checkBlock(genesis, channel, prev, h, block);
        if (problem != null) {
          return Report.failed(h, problem);
        }
        BlockHeader header = block.header();
        var result =
            executor.execute(
                replayStore::get,
                prev,
                header.timestampMillis(),
                header.proposer(),
                block.transactions());
        List<Receipt> receipts = result.receipts();
        for (int i = 0; i < receipts.size(); i++) {
          if (!receipts.get(i).equals(block.receipts().get(i))) {
            return Report.failed(
                h,
                "transaction "
                    + i
                    + " replays to "
                    + receipts.get(i).code()
                    + " but the block records "
                    + block.receipts().get(i).code());
          }
        }
        if (!result.header().receiptsRoot().equals(header.receiptsRoot())) {
          return Report.failed(h, "the receipts root does not match the receipts");
        }
        if (!result.header().stateRoot().equals(header.stateRoot())) {
          return Report.failed(h, "the state root does not match the replayed state");
        }
        replay.commit(block, result.writes(), 0, h);
        prev = replay.requireHead();
      }
      if (!prev.equals(storedHead.get())) {
        return Report.failed(
            storedHead.get().height(), "the stored head does not match the last stored block");
      }
      String stateProblem = compareState(chain.store(), replayStore);
      if (stateProblem != null) {
        return Report.failed(prev.height(), stateProblem);
      }
      return new Report(true, prev.height(), "", prev);
    } finally {
      replayStore.close();
    }
  }

  private static long lastStoredHeight(ChainStore chain) {
    long[] last = {0};
    chain
        .store()
        .scan(
            new byte[] {Keys.BLOCK},
            (k, v) -> {
              last[0] = Keys.getLong(k, 1);
              return true;
            });
    return last[0];
  }

  private static @Nullable String checkBlock(
      Genesis genesis, String channel, Head prev, long h, Block block) {
    BlockHeader header = block.header();
    if (header.height() != h) {
      return "the block says it is height " + header.height();
    }
    if (!header.chainId().equals(genesis.chainId()) || !header.channel().equals(channel)) {
      return "the block names another chain or channel";
    }
    if (!header.previousHash().equals(prev.hash())) {
      return "the previous-block hash does not link to block " + (h - 1);
    }
    if (!Block.txRoot(block.transactions()).equals(header.txRoot())) {
      return "the transaction Merkle root does not match the transactions";
    }
    if (genesis.member(header.proposer()).isEmpty()) {
      return "the proposer is not a member";
    }
    if (!block.verifyProposerSignature()) {
      return "the proposer's signature over the header does not verify";
    }
    if (header.timestampMillis() < prev.timestampMillis()) {
      return "the block time is earlier than the previous block's";
    }
    return null;
  }

  /**
   * Compares the contract state, the nonces and the transaction index of the store with the
   * replayed ones.
   */
  private static @Nullable String compareState(KeyValueStore stored, KeyValueStore replayed) {
    for (byte prefix : new byte[] {Keys.STATE, Keys.NONCE, Keys.TX}) {
      var a = entries(stored, prefix);
      var b = entries(replayed, prefix);
      int n = Math.min(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        if (!Arrays.equals(a.get(i)[0], b.get(i)[0]) || !Arrays.equals(a.get(i)[1], b.get(i)[1])) {
          return "the stored state differs from the replayed state at key "
              + HexFormat.of().formatHex(a.get(i)[0]);
        }
      }
      if (a.size() != b.size()) {
        return "the stored state has " + a.size() + " entries where replay has " + b.size();
      }
    }
    return null;
  }

  private static List<byte[][]> entries(KeyValueStore store, byte prefix) {
    var out = new java.util.ArrayList<byte[][]>();
    store.scan(
        new byte[] {prefix},
        (k, v) -> {
          out.add(new byte[][] {k, v});
          return true;
        });
    return out;
  }
}
