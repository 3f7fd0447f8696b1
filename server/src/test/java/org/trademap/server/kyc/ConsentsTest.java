package org.trademap.server.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

class ConsentsTest {
  @TempDir Path documents;

  private static final AccountKind PERSON = AccountKind.PERSON;

  @OnEachDatabase
  void recordsEachConsentWithItsVersionAndTime(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);

    ConsentResult terms = kyc.consents.give(ann, PERSON, "terms", "v1", null);
    ConsentResult audio = kyc.consents.give(ann, PERSON, "audio-recording", "v1", null);

    Consent expected = new Consent(ConsentKind.TERMS, "", "v1", KycFixture.CLOCK.instant(), null);
    assertThat(terms).isEqualTo(new ConsentResult.Recorded(expected, true));
    assertThat(audio).isInstanceOf(ConsentResult.Recorded.class);
    assertThat(kyc.consents.history(ann))
        .extracting(Consent::kind, Consent::version, Consent::active)
        .containsExactly(
            tuple(ConsentKind.TERMS, "v1", true), tuple(ConsentKind.AUDIO_RECORDING, "v1", true));
  }

  @OnEachDatabase
  void givingTheSameConsentAgainChangesNothing(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);
    kyc.consents.give(ann, PERSON, "terms", "v1", null);

    ConsentResult again = kyc.consents.give(ann, PERSON, "terms", "v1", null);

    assertThat(again).isInstanceOf(ConsentResult.Recorded.class);
    assertThat(((ConsentResult.Recorded) again).changed()).isFalse();
    assertThat(kyc.consents.history(ann)).hasSize(1);
  }

  @OnEachDatabase
  void aWithdrawalIsRecordedAndTheHistoryKept(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);
    kyc.consents.give(ann, PERSON, "video-identification", "v1", null);

    ConsentResult withdrawn = kyc.consents.withdraw(ann, PERSON, "video-identification", null);
    ConsentResult twice = kyc.consents.withdraw(ann, PERSON, "video-identification", null);
    ConsentResult givenAgain = kyc.consents.give(ann, PERSON, "video-identification", "v1", null);

    assertThat(withdrawn).isInstanceOf(ConsentResult.Recorded.class);
    assertThat(((ConsentResult.Recorded) withdrawn).consent().withdrawnAt())
        .isEqualTo(KycFixture.CLOCK.instant());
    assertThat(twice).isEqualTo(new ConsentResult.NotGiven());
    assertThat(((ConsentResult.Recorded) givenAgain).changed()).isTrue();
    assertThat(kyc.consents.history(ann)).extracting(Consent::active).containsExactly(false, true);
    assertThat(kyc.consents.latest(ann)).extracting(Consent::active).containsExactly(true);
  }

  @OnEachDatabase
  void refusesUnknownKindsAndVersionsAndRecordsNothing(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);

    assertThat(kyc.consents.give(ann, PERSON, "everything", "v1", null))
        .isEqualTo(new ConsentResult.Refused("consent.unknown-kind"));
    assertThat(kyc.consents.give(ann, PERSON, null, "v1", null))
        .isEqualTo(new ConsentResult.Refused("consent.unknown-kind"));
    assertThat(kyc.consents.give(ann, PERSON, "TERMS", "v1", null))
        .isEqualTo(new ConsentResult.Refused("consent.unknown-kind"));
    assertThat(kyc.consents.give(ann, PERSON, "terms", "v2", null))
        .isEqualTo(new ConsentResult.Refused("consent.unknown-version"));
    assertThat(kyc.consents.give(ann, PERSON, "terms", null, null))
        .isEqualTo(new ConsentResult.Refused("consent.unknown-version"));
    assertThat(kyc.consents.withdraw(ann, PERSON, "nothing", null))
        .isEqualTo(new ConsentResult.Refused("consent.unknown-kind"));
    assertThat(kyc.consents.history(ann)).isEmpty();
  }

  @OnEachDatabase
  void sharingConsentsNameTheirScopeAndOthersDoNot(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);

    assertThat(kyc.consents.give(ann, PERSON, "sharing", "v1", null))
        .isEqualTo(new ConsentResult.Refused("consent.scope-required"));
    assertThat(kyc.consents.give(ann, PERSON, "sharing", "v1", "bank a"))
        .isEqualTo(new ConsentResult.Refused("consent.scope-invalid"));
    assertThat(kyc.consents.give(ann, PERSON, "terms", "v1", "bank-a"))
        .isEqualTo(new ConsentResult.Refused("consent.scope-not-allowed"));
    kyc.consents.give(ann, PERSON, "sharing", "v1", "bank-a");
    kyc.consents.give(ann, PERSON, "sharing", "v1", "bank-b");
    kyc.consents.withdraw(ann, PERSON, "sharing", "bank-a");

    assertThat(kyc.consents.latest(ann))
        .extracting(Consent::scope, Consent::active)
        .containsExactly(tuple("bank-a", false), tuple("bank-b", true));
  }

  @Test
  void everyVersionOfEveryTextIsInTheMessages() throws Exception {
    java.util.Properties english = new java.util.Properties();
    java.util.Properties german = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/messages.properties");
        var de = getClass().getResourceAsStream("/messages_de.properties")) {
      english.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      german.load(new java.io.InputStreamReader(de, java.nio.charset.StandardCharsets.UTF_8));
    }
    for (ConsentKind kind : ConsentKind.values()) {
      for (String version : kind.versions()) {
        assertThat(english.getProperty(kind.messageKey(version)))
            .as(kind + " " + version)
            .isNotBlank();
        assertThat(german.getProperty(kind.messageKey(version)))
            .as(kind + " " + version)
            .isNotBlank();
      }
    }
    for (Requirement requirement : Requirement.values()) {
      assertThat(english.getProperty("kyc.requirement." + requirement.code())).isNotBlank();
    }
    for (Progress.StepKind step : Progress.StepKind.values()) {
      assertThat(english.getProperty("kyc.step." + step.apiName())).isNotBlank();
    }
    for (Progress.StepStatus status : Progress.StepStatus.values()) {
      assertThat(english.getProperty("kyc.step-status." + status.apiName())).isNotBlank();
    }
    for (Progress.Status status : Progress.Status.values()) {
      assertThat(english.getProperty("kyc.status." + status.apiName())).isNotBlank();
    }
    assertThat(List.of(ConsentKind.values())).filteredOn(ConsentKind::required).hasSize(4);
  }
}
