package org.trademap.server.kyc.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.SettableClock;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Problems;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * An erasure request over real HTTP, refused while the business relationship goes on and for 10
 * years after it ended (AMLA Art. 7(3)), performed on the first day after: the server's clock is an
 * injected {@link SettableClock} moved forward by the test. Its own server, since moving the clock
 * 10 years ahead leaves the ledger refusing the server's later transactions.
 */
@Import(SettableClock.AsBean.class)
class ErasureRetentionIT extends RunningServer {
  @Autowired SettableClock clock;
  @Autowired DataSource dataSource;
  @Autowired KycFiles files;
  @Autowired Erasures erasures;

  @Test
  void erasureIsRefusedUntilTenYearsAfterTheRelationshipEndedThenPerformed() {
    RightsFixture.Person ann = RightsFixture.person(http());
    String name = RightsFixture.marker("Retained");
    RightsFixture.submitted(ann.client(), name);
    RightsFixture.uploadPassport(ann.client());
    UUID account = RightsFixture.accountId(ann.client());
    String registration =
        ann.client()
            .get("/api/v1/me")
            .json()
            .path("submission")
            .path("ledger")
            .get(0)
            .path("ledger")
            .path("txId")
            .asString();

    JsonNode ongoing =
        Problems.assertProblem(
            ann.client().postJson("/api/v1/me/erasure", ""), 409, "erasure.refused");
    assertThat(ongoing.path("reason").asString()).isEqualTo("relationship-ongoing");
    assertThat(ongoing.has("possibleFrom")).isFalse();
    assertThat(ongoing.path("detail").asString()).contains("AMLA Art. 7");

    JsonNode ended = ann.client().postJson("/api/v1/me/relationship/end", "").json();
    assertThat(ended.path("status").asString()).isEqualTo("ended");
    Instant endedAt = Instant.parse(ended.path("endedAt").asString());
    LocalDate possibleFrom = LocalDate.ofInstant(endedAt, ZoneOffset.UTC).plusYears(10);
    assertThat(ended.path("erasure").path("possibleFrom").asString())
        .isEqualTo(possibleFrom.toString());
    // Ending it again changes nothing.
    JsonNode again = ann.client().postJson("/api/v1/me/relationship/end", "").json();
    assertThat(again.path("endedAt").asString()).isEqualTo(ended.path("endedAt").asString());

    JsonNode running =
        Problems.assertProblem(
            ann.client().postJson("/api/v1/me/erasure", ""), 409, "erasure.refused");
    assertThat(running.path("reason").asString()).isEqualTo("retention-period-running");
    assertThat(running.path("possibleFrom").asString()).isEqualTo(possibleFrom.toString());
    assertThat(running.path("detail").asString()).contains(possibleFrom.toString());
    JsonNode german =
        ann.client().withHeader("Accept-Language", "de").postJson("/api/v1/me/erasure", "").json();
    assertThat(german.path("detail").asString()).contains("GwG").contains(possibleFrom.toString());

    // The day before: still refused, and nothing changed.
    moveTo(possibleFrom.minusDays(1));
    Http.Response login =
        TestAccounts.loginRequest(http(), ann.email(), TestAccounts.PASSWORD, null);
    assertThat(login.status()).isEqualTo(201);
    Http.Response tooEarly = ann.client().postJson("/api/v1/me/erasure", "");
    assertThat(tooEarly.status()).as("the old token expired long ago").isEqualTo(401);
    Http.Response dayBefore =
        http().withBearer(login.json().get("token").asString()).postJson("/api/v1/me/erasure", "");
    assertThat(
            Problems.assertProblem(dayBefore, 409, "erasure.refused")
                .path("possibleFrom")
                .asString())
        .isEqualTo(possibleFrom.toString());
    assertThat(
            Objects.requireNonNull(files.profile(account, AccountKind.PERSON).person()).surname())
        .isEqualTo(name);

    // On the day: erased.
    moveTo(possibleFrom);
    Http onTheDay = RightsFixture.signIn(http(), ann.email());
    Http.Response erased = onTheDay.postJson("/api/v1/me/erasure", "");
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);

    new ErasureChecks(http(), dataSource, files, dataDir)
        .assertErased(new RightsFixture.Person(ann.email(), onTheDay), account, name);
    // The ledger still holds the registration with its (now meaningless) commitment.
    JsonNode tx = http().get("/api/v1/ledger/transactions/" + registration).json();
    assertThat(tx.path("code").asString()).isEqualTo("OK");
    assertThat(tx.path("method").asString()).isEqualTo("register");
    // Erasing again is harmless.
    Instant erasedAt = Instant.parse(erased.json().path("erasedAt").asString());
    assertThat(erasures.erase(account)).isEqualTo(new ErasureResult.Erased(erasedAt, false));
  }

  /** Sets the clock to noon (UTC) of {@code day}. */
  private void moveTo(LocalDate day) {
    Instant target = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    clock.advance(Duration.between(clock.instant(), target));
  }
}
