package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.server.sharing.SharingProperties.CompanyConfig;
import org.trademap.server.sharing.SharingProperties.TrustModel;

/** The trust model setting and the companies' ledger members (ADR 0034). */
class SharingChannelsTest {
  @TempDir Path dir;

  private Genesis written(ConsortiumLayout.Model model) {
    return ConsortiumLayout.init(
            dir.resolve(model.label()),
            ConsortiumLayout.orgs(4, 18081, 19871),
            model,
            "127.0.0.1",
            Map.of(),
            Instant.EPOCH,
            new SecureRandom())
        .genesis();
  }

  private static Genesis embedded() {
    return new Genesis(
        "default",
        0,
        List.of(
            new Genesis.Member(
                "consortium", "consortium", KeyPair.generate(new SecureRandom()).publicKey())),
        Map.of());
  }

  @Test
  void autoIsModelAOnAGenesisWithRelationshipChannelsAndModelBOtherwise() {
    assertThat(SharingChannels.model(TrustModel.AUTO, written(ConsortiumLayout.Model.A)))
        .isEqualTo(SharingChannels.Model.A);
    assertThat(SharingChannels.model(TrustModel.AUTO, written(ConsortiumLayout.Model.B)))
        .isEqualTo(SharingChannels.Model.B);
    assertThat(SharingChannels.model(TrustModel.AUTO, embedded()))
        .isEqualTo(SharingChannels.Model.B);
  }

  @Test
  void anExplicitSettingWinsOverTheGenesis() {
    assertThat(SharingChannels.model(TrustModel.B, written(ConsortiumLayout.Model.A)))
        .isEqualTo(SharingChannels.Model.B);
    assertThat(SharingChannels.model(TrustModel.A, embedded())).isEqualTo(SharingChannels.Model.A);
  }

  @Test
  void noSettingMeansAutoAndACompanysLedgerMemberDefaultsToItsId() {
    SharingProperties properties =
        new SharingProperties(
            List.of(new CompanyConfig("alpha", "Alpha", null, false)), null, null, null);

    assertThat(properties.trustModel()).isEqualTo(TrustModel.AUTO);
    assertThat(properties.companies().getFirst().ledgerMember()).isEqualTo("alpha");
    assertThat(new CompanyConfig("alpha", "Alpha", "sec-1", false).ledgerMember())
        .isEqualTo("sec-1");
  }

  @Test
  void refusesALedgerMemberThatCannotNameAChannel() {
    assertThatThrownBy(() -> new CompanyConfig("alpha", "Alpha", "Sec 1", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a company's ledger member is 1 to 60 characters of [a-z0-9._-]");
    assertThatThrownBy(() -> new CompanyConfig("alpha", "Alpha", "s".repeat(61), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
