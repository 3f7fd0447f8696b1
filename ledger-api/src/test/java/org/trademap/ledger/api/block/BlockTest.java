package org.trademap.ledger.api.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.api.tx.ValidationCode;

class BlockTest {
  private static final KeyPair PROPOSER = KeyPair.fromPrivateKey(seed(7));
  private static final KeyPair SIGNER = KeyPair.fromPrivateKey(seed(8));

  @Test
  void theProposersSignatureOverTheHeaderVerifies() {
    Block block = block(2, PROPOSER);

    assertThat(block.verifyProposerSignature()).isTrue();
    assertThat(Block.decode(block.encode()).verifyProposerSignature()).isTrue();
  }

  @Test
  void aSignatureByAnotherNodeDoesNotVerify() {
    Block block = block(1, SIGNER);

    assertThat(block.verifyProposerSignature()).isFalse();
  }

  @Test
  void aSignatureOverAnotherHeaderDoesNotVerify() {
    Block block = block(1, PROPOSER);
    BlockHeader h = block.header();
    BlockHeader later =
        new BlockHeader(
            h.chainId(),
            h.channel(),
            h.height() + 1,
            h.previousHash(),
            h.txRoot(),
            h.receiptsRoot(),
            h.stateRoot(),
            h.timestampMillis(),
            h.proposer(),
            h.txCount());
    Block moved = new Block(later, block.signature(), block.transactions(), block.receipts());

    assertThat(moved.verifyProposerSignature()).isFalse();
  }

  @Test
  void theGenesisBlocksAllZeroSignatureDoesNotVerify() {
    Block block = block(0, PROPOSER);
    Block genesis = new Block(block.header(), new Signature(new byte[64]), List.of(), List.of());

    assertThat(genesis.verifyProposerSignature()).isFalse();
    assertThat(genesis.height()).isEqualTo(block.header().height());
    assertThat(genesis.hash()).isEqualTo(block.header().hash());
  }

  @Test
  void rootsAreMerkleRootsOverTransactionIdsAndReceiptHashes() {
    Block block = block(3, PROPOSER);
    List<Hash> ids = block.transactions().stream().map(SignedTransaction::id).toList();
    List<Hash> receiptHashes = block.receipts().stream().map(Receipt::hash).toList();

    assertThat(Block.txRoot(block.transactions())).isEqualTo(MerkleTree.root(ids));
    assertThat(Block.receiptsRoot(block.receipts())).isEqualTo(MerkleTree.root(receiptHashes));
    assertThat(block.header().txRoot()).isEqualTo(MerkleTree.root(ids));
  }

  @Test
  void refusesCountsThatDisagree() {
    Block block = block(2, PROPOSER);
    List<SignedTransaction> oneTx = block.transactions().subList(0, 1);

    assertThatThrownBy(() -> new Block(block.header(), block.signature(), oneTx, block.receipts()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the header, transactions and receipts disagree in count");
    assertThatThrownBy(
            () ->
                new Block(
                    block.header(),
                    block.signature(),
                    block.transactions(),
                    block.receipts().subList(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsItsOwnCopyOfTheLists() {
    Block block = block(1, PROPOSER);
    List<SignedTransaction> txs = new ArrayList<>(block.transactions());
    List<Receipt> receipts = new ArrayList<>(block.receipts());
    Block copy = new Block(block.header(), block.signature(), txs, receipts);
    txs.clear();
    receipts.clear();

    assertThat(copy.transactions()).hasSize(1);
    assertThat(copy.receipts()).hasSize(1);
  }

  @Test
  void receiptsKnowWhetherTheyWereAcceptedAndCopyTheirValue() {
    byte[] value = {1, 2};
    Receipt ok = new Receipt(Hash.ZERO, ValidationCode.OK, "", "", value, List.of());
    Receipt rejected =
        Receipt.rejected(Hash.ZERO, ValidationCode.CONTRACT_REJECTED, "kyc.exists", "Exists.");
    value[0] = 9;
    ok.value()[1] = 9;

    assertThat(ok.accepted()).isTrue();
    assertThat(ok.value()).containsExactly(1, 2);
    assertThat(rejected.accepted()).isFalse();
    assertThat(rejected.value()).isEmpty();
    assertThat(rejected.events()).isEmpty();
    assertThat(ok).isNotEqualTo(rejected);
  }

  @Test
  void eventsCompareByContentAndCopyTheirData() {
    byte[] data = {1, 2, 3};
    ContractEvent event = new ContractEvent("kyc.registered", data);
    data[0] = 9;

    assertThat(event).isEqualTo(new ContractEvent("kyc.registered", new byte[] {1, 2, 3}));
    assertThat(event).hasSameHashCodeAs(new ContractEvent("kyc.registered", new byte[] {1, 2, 3}));
    assertThat(event).isNotEqualTo(new ContractEvent("kyc.registered", new byte[] {1, 2}));
    assertThat(event.toString()).isEqualTo("ContractEvent[kyc.registered, 3 bytes]");
  }

  /** A block at height 5 with {@code n} signed transactions, its header signed by {@code by}. */
  private static Block block(int n, KeyPair by) {
    List<SignedTransaction> txs = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SignedTransaction tx =
          new Transaction(
                  Hash.ZERO,
                  "kyc",
                  "registry",
                  1,
                  "add",
                  new byte[] {(byte) i},
                  SIGNER.publicKey(),
                  i + 1,
                  1000)
              .signWith(SIGNER);
      txs.add(tx);
      receipts.add(new Receipt(tx.id(), ValidationCode.OK, "", "", new byte[0], List.of()));
    }
    BlockHeader header =
        new BlockHeader(
            Hash.ZERO,
            "kyc",
            5,
            Hash.sha256(new byte[] {4}),
            Block.txRoot(txs),
            Block.receiptsRoot(receipts),
            Hash.sha256(new byte[] {5}),
            2000,
            PROPOSER.publicKey(),
            n);
    return new Block(header, by.sign(header.encode()), txs, receipts);
  }

  private static byte[] seed(int value) {
    byte[] seed = new byte[32];
    seed[31] = (byte) value;
    return seed;
  }
}
