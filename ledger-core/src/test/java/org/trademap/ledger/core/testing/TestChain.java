package org.trademap.ledger.core.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.store.InMemoryStore;
import org.trademap.ledger.core.tls.TlsIdentity;

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

  /** A registry holding {@link NotesContract} versions 1 and 2, for upgrades. */
  public static ContractRegistry notesOneAndTwo() {
    return new ContractRegistry(List.of(new NotesContract(1), new NotesContract(2)), c -> {});
  }

  /**
   * A consortium (format 2) genesis document on channel {@code kyc}: members {@code m1}, {@code
   * m2}, … with the given keys, each with a fresh TLS certificate, role {@code consortium}; the
   * {@code governance} policy is {@code threshold} of the first {@code approvers} members.
   */
  public static Genesis consortiumGenesis(
      List<KeyPair> keys, int approvers, int threshold, Map<String, Integer> contracts) {
    List<Genesis.Member> members = new java.util.ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String id = "m" + (i + 1);
      members.add(
          new Genesis.Member(
              id,
              "consortium",
              keys.get(i).publicKey(),
              TlsIdentity.generate(
                      id,
                      List.of("127.0.0.1"),
                      java.time.Instant.ofEpochMilli(GENESIS_TIME),
                      new java.security.SecureRandom())
                  .certificate()));
    }
    List<String> ids = members.stream().map(Genesis.Member::id).toList();
    return Genesis.consortium(
        GENESIS_TIME,
        members,
        List.of(new Genesis.Channel("kyc", ids)),
        Map.of(Genesis.GOVERNANCE, new Genesis.Policy(threshold, ids.subList(0, approvers))),
        contracts);
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

  /** The executor's submit checks against this chain's committed state. */
  public ValidationCode precheck(SignedTransaction tx, long timeMillis) {
    return executor.precheck(tx, tx.verifySignature(), store::get, timeMillis);
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
