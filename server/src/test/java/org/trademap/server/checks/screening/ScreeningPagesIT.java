package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.vault.SubjectId;

/** The operators' screening pages: lists and imports, the ASF list, a hit and its verdict. */
class ScreeningPagesIT extends RunningServer {
  @Autowired DataSource dataSource;
  @Autowired Screening screening;

  private BrowserSession browser(String role) {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = TestAccounts.signedInBrowser(port, email);
    JdbcClient.create(dataSource)
        .sql("UPDATE account SET role = ? WHERE email = ?")
        .params(role, email)
        .update();
    return browser;
  }

  @Test
  void usersDoNotSeeTheScreeningPages() {
    assertThat(browser("USER").get("/checks/screening").status()).isEqualTo(403);
  }

  @Test
  void anOperatorImportsEditsTheAsfListAndDecidesAHit() {
    BrowserSession operator = browser("KYC_OPERATOR");
    Http.Response overview = operator.get("/checks/screening");
    assertThat(overview.status()).as(overview.toString()).isEqualTo(200);
    assertThat(overview.body())
        .contains("UN Security Council Consolidated List")
        .contains("No hit is waiting.");

    Http.Response imported = operator.post("/checks/screening/lists/un/imports", Map.of());
    assertThat(imported.status()).isEqualTo(302);
    assertThat(operator.get("/checks/screening").body()).contains("The un list is unchanged");

    SubjectId subject = SubjectId.random();
    screening.screen(
        subject,
        List.of(Party.person(PartyRole.SUBJECT, "Goro", "Tanabe", LocalDate.of(1958, 6, 1), "JP")));
    Http.Response added =
        operator.post(
            "/checks/screening/asf",
            Map.of(
                "kind", "person",
                "name", "TANABE Goro",
                "aliases", "Tanabe Gorou\nG. Tanabe",
                "birthDate", "1958",
                "nationality", "JP",
                "note", "consortium list"));
    assertThat(added.status()).as(added.toString()).isEqualTo(302);
    assertThat(operator.get("/checks/screening/asf").body())
        .contains("TANABE Goro")
        .contains("Tanabe Gorou, G. Tanabe")
        .contains("The entry was added");
    Http.Response refused =
        operator.post(
            "/checks/screening/asf", Map.of("kind", "person", "name", "X", "nationality", "Japan"));
    assertThat(refused.status()).isEqualTo(302);
    assertThat(operator.get("/checks/screening/asf").body())
        .contains("The field nationality of the entry is missing or not valid.");

    // The new ASF version re-screens every screened subject in the background.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(screening.openHits(10)).isNotEmpty());
    StoredHit hit = screening.openHits(10).getFirst();
    String page = operator.get("/checks/screening").body();
    assertThat(page).contains("/checks/screening/hits/" + hit.id());
    Http.Response detail = operator.get("/checks/screening/hits/" + hit.id());
    assertThat(detail.body()).contains("TANABE Goro").contains("BIRTH_DATE: AGREES");

    Http.Response decided =
        operator.post(
            "/checks/screening/hits/" + hit.id() + "/disposition",
            Map.of("verdict", "false-positive", "reason", "Different person, other prefecture"));
    assertThat(decided.status()).isEqualTo(302);
    assertThat(operator.get("/checks/screening/hits/" + hit.id()).body())
        .contains("The verdict was recorded.")
        .contains("Different person, other prefecture");
    assertThat(screening.assess(subject)).isInstanceOf(Assessment.Clear.class);
  }
}
