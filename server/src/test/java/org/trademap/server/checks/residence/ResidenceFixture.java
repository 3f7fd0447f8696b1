package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.SettableClock;
import org.trademap.server.checks.residence.Recipients.Lookup;
import org.trademap.server.checks.residence.Recipients.Recipient;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.onboarding.Address;
import org.trademap.server.testing.TestDatabase;
import org.trademap.server.vault.Vault;
import org.trademap.server.vault.VaultKeys;

/**
 * Residence confirmation wired on one test database as the server wires it, with the real vault,
 * subjects, messages and PDF layout; only the KYC profiles are a fake ({@link #recipients}).
 */
final class ResidenceFixture {
  /** The address every subject lives at unless a test says otherwise. */
  static final Address ZURICH = new Address("Bahnhofstrasse 1", "8001", "Zürich", "CH");

  final TestDatabase db;
  final SettableClock clock = new SettableClock();
  final Subjects subjects;
  final Vault vault;
  final FakeRecipients recipients = new FakeRecipients();
  final ResidenceProperties properties;
  final ResidenceConfirmation residence;
  final UUID operator = UUID.randomUUID();

  ResidenceFixture(TestDatabase db) {
    this(db, ResidenceProperties.defaults());
  }

  ResidenceFixture(TestDatabase db, ResidenceProperties properties) {
    this.db = db;
    this.properties = properties;
    this.subjects = new Subjects(db.dataSource(), clock);
    this.vault = Vault.open(db.dataSource(), VaultKeys.generate(new SecureRandom()), clock);
    this.residence =
        new ResidenceConfirmation(
            db.dataSource(),
            new DataSourceTransactionManager(db.dataSource()),
            subjects,
            recipients,
            vault,
            new LetterWriter(
                messages(),
                "https://trademap.example",
                properties,
                new LetterPdf(properties.fonts())),
            properties,
            clock,
            new SecureRandom());
  }

  /** The server's messages, read as the server reads them. */
  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setAlwaysUseMessageFormat(true);
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  /** A new account with its subject, living at {@link #ZURICH}. */
  Subject subject() {
    UUID account = UUID.randomUUID();
    JdbcClient.create(db.dataSource())
        .sql(
            "INSERT INTO account (id, kind, email, email_key, password_hash, role, status,"
                + " created_at) VALUES (?, 'PERSON', ?, ?, 'unused', 'USER', 'ACTIVE', ?)")
        .params(
            account,
            account + "@residence.example",
            account + "@residence.example",
            clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    Subject subject = subjects.of(account, AccountKind.PERSON);
    recipients.set(subject.ref(), new Lookup.Found(new Recipient(List.of("Zoë Dvořák"), ZURICH)));
    return subject;
  }

  /** Makes a letter for the subject and expects it made. */
  Letter generate(Subject subject) {
    GenerateResult result = residence.generate(subject.ref(), operator, "en");
    assertThat(result).isInstanceOf(GenerateResult.Generated.class);
    return ((GenerateResult.Generated) result).letter();
  }

  /** The code printed in the letter, read from its PDF. */
  String code(Letter letter) {
    PdfResult pdf = residence.pdf(letter.id(), operator);
    assertThat(pdf).isInstanceOf(PdfResult.Pdf.class);
    return LetterTexts.code(((PdfResult.Pdf) pdf).bytes());
  }

  /** A well-formed code that is not {@code code}. */
  static String otherCode(String code, int n) {
    String payload = String.format("%09d", n);
    String other = payload + ConfirmationCode.check(payload);
    return other.equals(code.replace("-", "")) ? otherCode(code, n + 1) : other;
  }

  /** The stored letter. */
  Letter stored(Letter letter) {
    return residence.letter(letter.id()).orElseThrow();
  }

  /** Profiles as the test sets them; subjects it did not set have no address. */
  static final class FakeRecipients implements Recipients {
    private final Map<SubjectRef, Lookup> lookups = new ConcurrentHashMap<>();

    void set(SubjectRef subject, Lookup lookup) {
      lookups.put(subject, lookup);
    }

    @Override
    public Lookup lookup(Subject subject) {
      return lookups.getOrDefault(subject.ref(), new Lookup.NoAddress());
    }
  }
}
