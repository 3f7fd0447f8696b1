package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.Txs;

class LedgerNodeIT {
  @TempDir Path dir;
  LedgerNode node;

  static ContractRegistry contracts() {
    return new ContractRegistry(List.of(new NotesContract(1)), c -> {});
  }

  @BeforeEach
  void start() {
    node = LedgerNode.start(NodeConfig.embedded(dir), contracts());
  }

  @AfterEach
  void stop() {
    node.close();
  }

  SubmitResult submit(SignedTransaction tx) throws Exception {
    return node.submit(tx.encode()).get(30, TimeUnit.SECONDS);
  }

  Txs tx() {
    return Txs.on(node.genesis(), System.currentTimeMillis());
  }

  @Test
  void commitsASignedTransactionInANewBlock() throws Exception {
    var r = submit(tx().put("a", "1").nonce(1).signedBy(node.nodeKey()));
    assertThat(r).isInstanceOf(SubmitResult.Committed.class);
    assertThat(r.code()).isEqualTo(ValidationCode.OK);
    assertThat(node.status().height()).isEqualTo(1);
    assertThat(node.status().role()).isEqualTo("leader");
    assertThat(node.transaction(r.txId())).isPresent();
  }
}
