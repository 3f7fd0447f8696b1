package org.trademap.server.demo;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.trademap.server.identity.IdentityProperties;
import org.trademap.server.identity.PasswordPolicy;
import org.trademap.server.kyc.ProfileForm;
import org.trademap.server.onboarding.KycDataValidator;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.Validation;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentProperties;
import org.trademap.server.onboarding.documents.IntakeResult;

/** The pieces of the demo seeding that need no server: the decision, the data, the file. */
class DemoSeedingTest {
  private static final KycDataValidator VALIDATOR = new KycDataValidator(Clock.systemUTC());

  @Test
  void seedsOnlyWhenEnabledWithEmbeddedMailAndNotSeededBefore() {
    assertThat(DemoSeeder.decide(true, true, false)).isEqualTo(DemoSeeder.Decision.SEED);
    assertThat(DemoSeeder.decide(true, true, true)).isEqualTo(DemoSeeder.Decision.ALREADY_SEEDED);
    assertThat(DemoSeeder.decide(true, false, false)).isEqualTo(DemoSeeder.Decision.REAL_MAIL);
    assertThat(DemoSeeder.decide(true, false, true)).isEqualTo(DemoSeeder.Decision.REAL_MAIL);
    assertThat(DemoSeeder.decide(false, true, false)).isEqualTo(DemoSeeder.Decision.DISABLED);
    assertThat(DemoSeeder.decide(false, false, true)).isEqualTo(DemoSeeder.Decision.DISABLED);
  }

  @Test
  void signInUrlIsTheLoginPageUnderTheLinkBase() {
    assertThat(DemoSeeder.signInUrl(URI.create("http://localhost:8080")))
        .isEqualTo("http://localhost:8080/login");
    assertThat(DemoSeeder.signInUrl(URI.create("https://kyc.example.org/trademap/")))
        .isEqualTo("https://kyc.example.org/trademap/login");
  }

  @Test
  void demoDataPassesTheValidationOfTheKycFile() {
    ProfileForm person = DemoData.person(DemoData.personAddress("0a1b2c3d"));
    ProfileForm company = DemoData.company(DemoData.companyAddress("0a1b2c3d"));
    assertThat(person.entity()).isNull();
    assertValid(VALIDATOR.validateAccountHolder(requireNonNull(person.person())));
    assertValid(VALIDATOR.validateAccountHolder(requireNonNull(company.person())));
    assertValid(VALIDATOR.validateEntity(requireNonNull(company.entity())));
    OwnerDeclarationForm owners = requireNonNull(company.beneficialOwners());
    assertValid(VALIDATOR.validateOwners(owners));
    assertThat(owners.owners()).hasSize(2);
  }

  @Test
  void generatedPassportPagePassesTheIntakeWithTheDefaultLimits() {
    DocumentIntake intake =
        new DocumentIntake(
            new DocumentProperties(DataSize.ofMegabytes(10), 40_000_000, 12_000, 600, 50, 20, 2));
    IntakeResult result =
        intake.intake(
            DemoData.passportPage(), DocumentKind.PASSPORT_PAGE, "passport-page.png", "image/png");
    assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
    IntakeResult.Accepted accepted = (IntakeResult.Accepted) result;
    assertThat(accepted.document().pixels()).isNotNull();
    assertThat(accepted.document().notices()).isEmpty();
  }

  @Test
  void passwordsAreLongRandomAndAcceptedByThePolicy() {
    PasswordPolicy policy =
        new PasswordPolicy(new IdentityProperties.Password(12, 128, List.of("trademap")));
    DemoPasswords passwords = new DemoPasswords(policy, new SecureRandom());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String password = passwords.forAddress("anna.eriksson.demo-0a1b2c3d@example.org");
      assertThat(password).matches("([a-km-zA-HJ-NP-Z2-9]{4}-){5}[a-km-zA-HJ-NP-Z2-9]{4}");
      seen.add(password);
    }
    assertThat(seen).hasSize(50);
  }

  @Test
  void credentialsFileIsOwnerOnlyAndListsEachAccount(@TempDir Path directory) throws IOException {
    DemoCredentials credentials =
        new DemoCredentials(
            "http://localhost:8080/login",
            Instant.parse("2026-03-01T10:00:00Z"),
            List.of(
                new DemoCredentials.Account(
                    "Person", "p@example.org", "pass-word-one", List.of("a"), List.of("b")),
                new DemoCredentials.Account(
                    "Company", "c@example.org", "pass-word-two", List.of("c"), List.of("d"))));

    Path file = credentials.writeTo(directory);

    assertThat(file).isEqualTo(directory.resolve("demo-credentials.txt"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file))
        .contains("Sign in at http://localhost:8080/login")
        .contains("email:    p@example.org", "password: pass-word-one")
        .contains("email:    c@example.org", "password: pass-word-two");
    try (var left = Files.list(directory)) {
      assertThat(left).containsExactly(file);
    }
    assertThat(credentials.toString()).doesNotContain("example.org", "pass-word");
    assertThat(credentials.accounts().getFirst().toString())
        .doesNotContain("example.org", "pass-word");
  }

  private static void assertValid(Validation<?> validation) {
    assertThat(validation.errors()).isEmpty();
    assertThat(validation).isInstanceOf(Validation.Valid.class);
  }
}
