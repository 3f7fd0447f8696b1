package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.core.config.ConsortiumLayout;

/**
 * Trust model b with Alpha's own server: the {@code decide} on the consortium-wide channel {@code
 * all} is signed by the consortium (a transaction signed by Alpha there would name Alpha, ③-A);
 * Alpha's node's signed decision statement, about exactly the package the ledger holds, is kept
 * with the application.
 */
class CompanyServerModelBIT extends CompanyServerFlow {
  @Autowired DataSource data;

  @BeforeAll
  static void start() {
    consortium(ConsortiumLayout.Model.B);
  }

  @Override
  String alphaChannel() {
    return ConsortiumLayout.MODEL_B_CHANNEL;
  }

  @Override
  void assertDecisionSigned(TransactionRecord decide, UUID applicationId) {
    assertThat(decide.transaction().body().signer()).isEqualTo(memberKey("consortium"));
    SharingRepository repository = new SharingRepository(data);
    Application a = repository.application(applicationId).orElseThrow();
    byte[] hash = repository.packagesFor(applicationId, ALPHA).getFirst().packageHash();
    byte[] statement = repository.decisionStatement(applicationId).orElseThrow();
    assertThat(
            RelaySignatures.verifies(
                memberKey(SEC_1),
                RelaySignatures.decisionMessage(a.ref(), "approve", hash),
                new Signature(statement)))
        .isTrue();
  }
}
