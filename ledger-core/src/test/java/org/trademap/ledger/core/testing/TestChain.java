package org.trademap.ledger.core.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.store.InMemoryStore;

/**
 * A chain in memory without Raft: executes blocks with a {@link BlockExecutor} on top of the head
 * and commits them, signed by a proposer, the way a node's state machine does.
 */
public final class TestChain {
  /** The genesis time of {@link #genesis(KeyPair, Map)} documents. */
  public static final long GENESIS_TIME = 1_700_000_000_000L;

  private final Genesis genesis;
  private final ContractRegistry contracts;
  private final KeyPair proposer;
  private final InMemoryStore store = new InMemoryStore();
  private final ChainStore chain = new ChainStore(store);
  private final BlockExecutor executor;
  private long raftIndex;

  public TestChain(
      Genesis genesis, ContractRegistry contracts, SignatureChecker signatures, KeyPair proposer) {
    this.genesis = genesis;
    this.contracts = contracts;
    this.proposer = proposer;
    this.executor = new BlockExecutor(genesis, contracts, signatures);
    Block block0 = BlockExecutor.genesisBlock(genesis);
    chain.initGenesis(genesis, block0, block0.header().stateRoot());
  }

  /** A chain whose only member, {@code consortium}, is {@code member}, which also proposes. */
  public static TestChain of(KeyPair member, ContractRegistry contracts) {
    return new TestChain(
        genesis(member, contracts.latestVersions()),
        contracts,
        SignatureChecker.SEQUENTIAL,
        member);
  }

  /** A registry holding {@link NotesContract} version 1 only. */
  public static ContractRegistry notes() {
    return new ContractRegistry(List.of(new NotesContract(1)), c -> {});
  }

  /** A key derived from one byte, the same on every run. */
  public static KeyPair key(int seed) {
    byte[] privateKey = new byte[32];
    Arrays.fill(privateKey, (byte) seed);
    return KeyPair.fromPrivateKey(privateKey);
  }

  /** A genesis document on channel {@code kyc} with one member, {@code consortium}. */
  public static Genesis genesis(KeyPair member, Map<String, Integer> contracts) {
    return new Genesis(
        "kyc",
        GENESIS_TIME,
        List.of(new Genesis.Member("consortium", "consortium", member.publicKey())),
        contracts);
  }

  public Genesis genesis() {
    return genesis;
  }

  public ContractRegistry contracts() {
    return contracts;
  }

  public ChainStore chain() {
    return chain;
  }

  public InMemoryStore store() {
    return store;
  }

  public Head head() {
    return chain.requireHead();
  }

  /** Executes the transactions as the next block at {@code timeMillis}, without storing it. */
  public BlockExecutor.Result execute(long timeMillis, List<SignedTransaction> txs) {
    return executor.execute(store::get, head(), timeMillis, proposer.publicKey(), txs);
  }

  /** Signs the executed block and stores it with its writes as the new head. */
  public Block commit(BlockExecutor.Result result, List<SignedTransaction> txs) {
    Block block =
        new Block(result.header(), proposer.sign(result.header().encode()), txs, result.receipts());
    raftIndex++;
    chain.commit(block, result.writes(), 1, raftIndex);
    return block;
  }

  /** Executes and commits the next block. */
  public Block run(long timeMillis, List<SignedTransaction> txs) {
    return commit(execute(timeMillis, txs), txs);
  }

  /** Executes and commits the next block. */
  public Block run(long timeMillis, SignedTransaction... txs) {
    return run(timeMillis, List.of(txs));
  }
}
