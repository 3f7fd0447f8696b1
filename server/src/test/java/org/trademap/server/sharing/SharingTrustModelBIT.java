package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.testing.Http;

/**
 * Trust model b: Alpha's application, package hash and decision are on the one consortium-wide
 * channel {@code all}, which every organisation's node holds (Beta's too), with the company only as
 * a salted commitment; every configured company is reached through it.
 */
class SharingTrustModelBIT extends SharingConsortiumFlow {

  @BeforeAll
  static void consortium() {
    startConsortium(ConsortiumLayout.Model.B);
  }

  @Override
  String alphaChannel() {
    return ConsortiumLayout.MODEL_B_CHANNEL;
  }

  @Override
  void assertWhereRecorded(List<Hash> alphaTransactions, String applicationRef) {
    assertThat(node.status().channel()).isEqualTo(ConsortiumLayout.MODEL_B_CHANNEL);
    awaitHolds(other(SEC_2), alphaChannel(), alphaTransactions);
    awaitHolds(other(NOTARY), alphaChannel(), alphaTransactions);
    for (String company : List.of(ALPHA, BETA)) {
      assertNowhere(other(SEC_2), company);
    }
  }

  @Override
  void assertCompanyWithoutOrganisation(KycApi user) {
    Http.Response applied = SharingActors.apply(user, GAMMA, "v1");
    assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
  }
}
