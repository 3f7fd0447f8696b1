package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Multipart;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.vault.SubjectId;

/**
 * The judge as the application wires it: a passport page uploaded through {@code
 * /api/v1/me/documents} is read back from the vault-sealed store, OCR'd by Tesseract and judged.
 */
class DocumentJudgeIT extends RunningServer {
  private static final List<String> PASSPORT =
      Zones.td3("P", "D", "MUSTERMANN<<ERIKA", "C01X00T47", "D", "640812", 'F', "310131", "");

  @Autowired DocumentJudge judge;
  @Autowired Subjects subjects;
  @Autowired DataSource dataSource;

  @Test
  void judgesAnUploadedPassportPage() {
    String email = TestAccounts.signUpVerified(http(), "person");
    Http client = http().withBearer(TestAccounts.bearerToken(http(), email));
    byte[] png = DocumentImages.encode(DocumentImages.page(1250, 880, PASSPORT, 28, false), "png");
    Multipart body =
        new Multipart().field("kind", "passport-page").file("file", "page.png", "image/png", png);
    Http.Response uploaded =
        client.send("POST", "/api/v1/me/documents", body.contentType(), body.bytes());
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    DocumentId document =
        DocumentId.parse(uploaded.json().path("document").path("id").asString()).orElseThrow();
    UUID account =
        JdbcClient.create(dataSource)
            .sql("SELECT id FROM account WHERE email_key = ?")
            .param(email.toLowerCase(Locale.ROOT))
            .query(UUID.class)
            .single();
    SubjectId subject = subjects.of(account, AccountKind.PERSON).id();

    EnteredIdentity erika =
        new EnteredIdentity("Mustermann", "Erika", LocalDate.of(1964, 8, 12), "DE", "C01X00T47");
    JudgmentOutcome outcome = judge.judgeIdentity(subject, erika);

    assertThat(outcome).isInstanceOf(JudgmentOutcome.Judged.class);
    DocumentJudgment judgment = ((JudgmentOutcome.Judged) outcome).judgment();
    assertThat(judgment.document()).isEqualTo(document);
    assertThat(judgment.reading()).isInstanceOf(MrzReading.Found.class);
    assertThat(judgment.data().orElseThrow().lines()).isEqualTo(PASSPORT);
    assertThat(judgment.proposal()).isEqualTo(new Proposal.Passed());
    assertThat(judge.judge(SubjectId.random(), document, erika))
        .isEqualTo(new JudgmentOutcome.NoDocument(JudgmentOutcome.Reason.NOT_FOUND));
  }
}
