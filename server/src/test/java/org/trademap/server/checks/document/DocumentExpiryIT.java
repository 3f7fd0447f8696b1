package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.accounts.SettableClock;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * Re-KYC on document expiry with the application's clock moved forward: the expiry job (every
 * second here) reopens the ID document check of a subject whose passport expired, once, and the
 * user sees it on My Page.
 */
@Import(SettableClock.AsBean.class)
@TestPropertySource(properties = "trademap.checks.document-case.expiry-check-interval=PT1S")
class DocumentExpiryIT extends RunningServer {
  @Autowired SettableClock clock;
  @Autowired Subjects subjects;
  @Autowired DataSource dataSource;
  @Autowired DocumentExpiryJob job;

  private long reopenings(SubjectRef ref) {
    return JdbcClient.create(dataSource)
        .sql(
            "SELECT COUNT(*) FROM check_audit a JOIN check_case c ON a.case_id = c.id"
                + " WHERE c.subject_ref = ? AND a.action = 'task.reopened'")
        .param(ref.value())
        .query(Long.class)
        .single();
  }

  private static JsonNode myChecks(Http http, String email) {
    return http.withBearer(TestAccounts.bearerToken(http, email)).get("/api/v1/me/checks").json();
  }

  @Test
  void anExpiredPassportReopensTheDocumentCheckOnceAndTheUserSeesIt() {
    LocalDate expiry = LocalDate.now(clock).plusDays(10);
    KycApi user =
        DocumentCaseIT.submit(http(), "Eriksson", "Anna Maria", DocumentCaseIT.passport(expiry));
    SubjectRef ref = subjects.forAccount(user.accountId()).orElseThrow().ref();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM document_judgment WHERE subject_ref = ?")
                        .param(ref.value())
                        .query(Long.class)
                        .single()
                    == 1);
    assertThat(
            jdbc.sql("SELECT expiry_date FROM document_judgment WHERE subject_ref = ?")
                .param(ref.value())
                .query((rs, n) -> rs.getDate(1).toLocalDate())
                .single())
        .isEqualTo(expiry);
    assertThat(job.reopenExpired()).isZero();
    assertThat(myChecks(http(), user.email).hasNonNull("reopenReason")).isFalse();

    clock.advance(Duration.ofDays(11));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(myChecks(http(), user.email).path("reopenReason").asString(""))
                    .isEqualTo("document-expired"));
    assertThat(reopenings(ref)).isEqualTo(1);
    assertThat(job.reopenExpired()).isZero();
    assertThat(reopenings(ref)).isEqualTo(1);
    assertThat(TestAccounts.signedInBrowser(port, user.email).get("/me").body())
        .contains("id=\"review-notice\"");
  }
}
