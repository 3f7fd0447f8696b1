package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.server.sharing.SharingProperties.CompanyConfig;
import org.trademap.server.sharing.SharingProperties.CompanyServer;
import org.trademap.server.sharing.SharingProperties.Role;

/**
 * The relay's signatures (ADR 0035): a signature covers method, path, time, nonce and body, so
 * changing any of them fails it; malformed headers are not read; the clock window; and the settings
 * of a company's own server.
 */
class RelaySignaturesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T05:00:00Z");
  private static final String NONCE = "0123456789abcdef0123456789abcdef";
  private final KeyPair key = KeyPair.generate(new SecureRandom());

  private Signature sign(String method, String path, Instant at, String nonce, String body) {
    return key.sign(
        RelaySignatures.requestMessage(
            method, path, at, nonce, body.getBytes(StandardCharsets.UTF_8)));
  }

  private boolean verifies(
      Signature s, String method, String path, Instant at, String nonce, String body) {
    return RelaySignatures.verifies(
        key.publicKey(),
        RelaySignatures.requestMessage(
            method, path, at, nonce, body.getBytes(StandardCharsets.UTF_8)),
        s);
  }

  @Test
  void aSignatureCoversEveryPartOfTheRequest() {
    Signature s = sign("PUT", "/api/v1/relay/key", NOW, NONCE, "{}");

    assertThat(verifies(s, "PUT", "/api/v1/relay/key", NOW, NONCE, "{}")).isTrue();
    assertThat(verifies(s, "POST", "/api/v1/relay/key", NOW, NONCE, "{}")).isFalse();
    assertThat(verifies(s, "PUT", "/api/v1/relay/packages", NOW, NONCE, "{}")).isFalse();
    assertThat(verifies(s, "PUT", "/api/v1/relay/key?after=x", NOW, NONCE, "{}"))
        .as("the query is part of the signed path")
        .isFalse();
    assertThat(verifies(s, "PUT", "/api/v1/relay/key", NOW.plusMillis(1), NONCE, "{}")).isFalse();
    assertThat(verifies(s, "PUT", "/api/v1/relay/key", NOW, NONCE.replace('0', '1'), "{}"))
        .isFalse();
    assertThat(verifies(s, "PUT", "/api/v1/relay/key", NOW, NONCE, "{ }")).isFalse();
  }

  @Test
  void aDecisionStatementNamesTheApplicationTheDecisionAndThePackage() {
    byte[] hash = new byte[32];
    Signature s = key.sign(RelaySignatures.decisionMessage("app-1", "approve", hash));

    assertThat(
            RelaySignatures.verifies(
                key.publicKey(), RelaySignatures.decisionMessage("app-1", "approve", hash), s))
        .isTrue();
    assertThat(
            RelaySignatures.verifies(
                key.publicKey(), RelaySignatures.decisionMessage("app-1", "reject", hash), s))
        .isFalse();
    hash[0] = 1;
    assertThat(
            RelaySignatures.verifies(
                key.publicKey(), RelaySignatures.decisionMessage("app-1", "approve", hash), s))
        .isFalse();
  }

  @Test
  void malformedHeadersAreNotRead() {
    String sig = Base64.getEncoder().encodeToString(new byte[64]);
    assertThat(RelaySignatures.parse("sec-1", NOW.toString(), NONCE, sig)).isPresent();
    assertThat(RelaySignatures.parse(null, NOW.toString(), NONCE, sig)).isEmpty();
    assertThat(RelaySignatures.parse("sec-1", "yesterday", NONCE, sig)).isEmpty();
    assertThat(RelaySignatures.parse("sec-1", NOW.toString(), "short", sig)).isEmpty();
    assertThat(RelaySignatures.parse("sec-1", NOW.toString(), NONCE, "not base64!")).isEmpty();
    assertThat(RelaySignatures.parse("sec-1", NOW.toString(), NONCE, "AAAA")).isEmpty();
  }

  @Test
  void aRequestIsFreshWithinFiveMinutesEitherWay() {
    assertThat(RelaySignatures.fresh(NOW.minus(Duration.ofMinutes(5)), NOW)).isTrue();
    assertThat(RelaySignatures.fresh(NOW.plus(Duration.ofMinutes(5)), NOW)).isTrue();
    assertThat(RelaySignatures.fresh(NOW.minus(Duration.ofMinutes(5)).minusMillis(1), NOW))
        .isFalse();
    assertThat(RelaySignatures.fresh(NOW.plus(Duration.ofMinutes(5)).plusMillis(1), NOW)).isFalse();
  }

  @Test
  void aCompanyServerNamesOneOfTheListedCompaniesAndAnHttpConsortium() {
    List<CompanyConfig> alpha = List.of(new CompanyConfig("alpha", "Alpha", "sec-1", true));
    CompanyServer server = new CompanyServer("alpha", URI.create("http://127.0.0.1:8080"), null);

    assertThat(new SharingProperties(alpha, null, Role.COMPANY, server).role())
        .isEqualTo(Role.COMPANY);
    assertThat(new SharingProperties(alpha, null, null, null).role()).isEqualTo(Role.CONSORTIUM);
    assertThat(server.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> new SharingProperties(alpha, null, Role.COMPANY, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SharingProperties(
                    alpha,
                    null,
                    Role.COMPANY,
                    new CompanyServer("beta", URI.create("http://127.0.0.1:8080"), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in trademap.sharing.companies");
    assertThatThrownBy(() -> new CompanyServer("alpha", URI.create("ftp://consortium"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
