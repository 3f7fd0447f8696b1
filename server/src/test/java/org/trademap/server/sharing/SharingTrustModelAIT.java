package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.testing.LedgerScan;

/**
 * Trust model a: Alpha's application, package hash and decision are on {@code rel-sec-1}
 * (consortium, Alpha, notary), not on the consortium-wide channel, and Beta's node does not hold
 * them; a company whose organisation has no channel with this node cannot be applied at.
 */
class SharingTrustModelAIT extends SharingConsortiumFlow {
  private static final String CONSORTIUM_CHANNEL = ConsortiumLayout.MODEL_A_CHANNEL;

  @Autowired DataSource dataSource;

  @BeforeAll
  static void consortium() {
    startConsortium(ConsortiumLayout.Model.A);
  }

  @Override
  String alphaChannel() {
    return ConsortiumLayout.RELATIONSHIP_PREFIX + SEC_1;
  }

  @Override
  void assertWhereRecorded(List<Hash> alphaTransactions, String applicationRef) {
    assertThat(node.status().channel()).isEqualTo(CONSORTIUM_CHANNEL);
    ChannelLedger consortiumWide = node.channel(CONSORTIUM_CHANNEL).orElseThrow();
    for (Hash tx : alphaTransactions) {
      assertThat(consortiumWide.transaction(tx)).as("%s on %s", tx, CONSORTIUM_CHANNEL).isEmpty();
    }
    assertThat(LedgerScan.mentioning(consortiumWide, applicationRef)).isEmpty();
    // Beta's node holds its own relationship only, and nothing of Alpha's application.
    assertThat(other(SEC_2).channel(alphaChannel())).isEmpty();
    assertThat(
            LedgerScan.mentioning(
                other(SEC_2).channel(ConsortiumLayout.RELATIONSHIP_PREFIX + SEC_2).orElseThrow(),
                applicationRef))
        .isEmpty();
    // The notary is a member of every relationship.
    awaitHolds(other(NOTARY), alphaChannel(), alphaTransactions);
  }

  @Override
  void assertCompanyWithoutOrganisation(KycApi user) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    long outbox = count(jdbc, "ledger_outbox");
    long applied = count(jdbc, "sharing_application");
    int listed = user.http.get("/api/v1/me/applications").json().size();

    assertProblem(SharingActors.apply(user, GAMMA, "v1"), 409, "sharing.company-channel-missing");

    assertThat(count(jdbc, "ledger_outbox")).isEqualTo(outbox);
    assertThat(count(jdbc, "sharing_application")).isEqualTo(applied);
    assertThat(user.http.get("/api/v1/me/applications").json().size()).isEqualTo(listed);
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }
}
