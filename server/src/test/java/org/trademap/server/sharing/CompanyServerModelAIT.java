package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.core.config.ConsortiumLayout;

/**
 * Trust model a with Alpha's own server: the {@code decide} on {@code rel-sec-1} is signed by
 * Alpha's node ({@code sec-1}'s key), recorded through Alpha's server's outbox, and confirmed by
 * the consortium on its own replica.
 */
class CompanyServerModelAIT extends CompanyServerFlow {
  @BeforeAll
  static void start() {
    consortium(ConsortiumLayout.Model.A);
  }

  @Override
  String alphaChannel() {
    return ConsortiumLayout.RELATIONSHIP_PREFIX + SEC_1;
  }

  @Override
  void assertDecisionSigned(TransactionRecord decide, UUID applicationId) {
    assertThat(decide.transaction().body().signer()).isEqualTo(memberKey(SEC_1));
    assertThat(decide.transaction().verifySignature()).isTrue();
  }
}
