package org.trademap.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.onboarding.KycSpecimens.VALIDATOR;
import static org.trademap.server.onboarding.KycSpecimens.anna;
import static org.trademap.server.onboarding.KycSpecimens.holder;
import static org.trademap.server.onboarding.KycSpecimens.valid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CanonicalFieldsTest {

  private static byte[] personBytes(KycSpecimens.PersonBuilder builder) {
    return CanonicalFields.person(valid(builder.validate()));
  }

  private static List<String> decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    List<String> fields = new ArrayList<>();
    while (buffer.hasRemaining()) {
      byte[] field = new byte[buffer.getInt()];
      buffer.get(field);
      fields.add(new String(field, StandardCharsets.UTF_8));
    }
    return fields;
  }

  @Test
  void encodesAPersonAsLengthPrefixedUtf8FieldsInTheDocumentedOrder() {
    byte[] bytes = personBytes(anna());

    assertThat(decode(bytes))
        .containsExactly(
            "trademap.kyc.person.v1",
            "Eriksson",
            "Anna Maria",
            "1974-08-12",
            "SE",
            "Bahnhofstrasse 1",
            "8001",
            "Zürich",
            "CH",
            "Engineer",
            "+41446681800",
            "anna.eriksson@example.ch");
  }

  @Test
  void writesEachLengthAsFourBytesBigEndianCountingUtf8Bytes() {
    byte[] bytes = personBytes(anna().surname("Zoë"));
    int tagLength = CanonicalFields.PERSON_V1.length();

    assertThat(HexFormat.of().formatHex(bytes, 0, 4)).isEqualTo("00000016");
    assertThat(HexFormat.of().formatHex(bytes, 4 + tagLength, 4 + tagLength + 4 + 4))
        .isEqualTo("000000045a6fc3ab");
  }

  @Test
  void givesIdenticalBytesForNfcAndNfdInput() {
    byte[] composed = personBytes(anna().surname("Zo\u00eb M\u00fcller").town("Z\u00fcrich"));
    byte[] decomposed = personBytes(anna().surname("Zoe\u0308 Mu\u0308ller").town("Zu\u0308rich"));

    assertThat(decomposed).isEqualTo(composed);
  }

  @Test
  void changesTheBytesWhenAnyFieldChanges() {
    Map<String, UnaryOperator<KycSpecimens.PersonBuilder>> changes = new LinkedHashMap<>();
    changes.put("surname", b -> b.surname("Eriksen"));
    changes.put("givenNames", b -> b.givenNames("Anna"));
    changes.put("dateOfBirth", b -> b.dateOfBirth("1974-08-13"));
    changes.put("nationality", b -> b.nationality("NO"));
    changes.put("street", b -> b.street("Bahnhofstrasse 2"));
    changes.put("postalCode", b -> b.postalCode("8002"));
    changes.put("town", b -> b.town("Zurich"));
    changes.put("country", b -> b.country("LI").postalCode("9490"));
    changes.put("occupation", b -> b.occupation("Engineer (retired)"));
    changes.put("phone", b -> b.phone("+41446681801"));
    changes.put("email", b -> b.email("Anna.eriksson@example.ch"));
    byte[] original = personBytes(anna());

    changes.forEach(
        (field, change) ->
            assertThat(personBytes(change.apply(anna())))
                .as("changing %s", field)
                .isNotEqualTo(original));
  }

  @Test
  void keepsFieldBoundariesSoThatShiftingTextBetweenFieldsChangesTheBytes() {
    byte[] split = personBytes(anna().surname("Anna Maria").givenNames("Eriksson"));
    byte[] shifted = personBytes(anna().surname("Anna").givenNames("Maria Eriksson"));

    assertThat(split).isNotEqualTo(shifted);
  }

  @Test
  void encodesAnEntityWithItsOwnersInIdentityOrder() {
    LegalEntityData entity = valid(VALIDATOR.validateEntity(KycSpecimens.company()));
    OwnerDeclaration owners =
        valid(
            VALIDATOR.validateOwners(
                new OwnerDeclarationForm(
                    "K",
                    List.of(
                        holder("Müller", "Hans", "1960-01-31", "50", "50.0"),
                        holder("Eriksson", "Anna", "1974-08-12", "33.50", "0")))));
    ByteBuffer bytes = ByteBuffer.wrap(CanonicalFields.entity(entity, owners));

    assertThat(fields(bytes, 9))
        .containsExactly(
            "trademap.kyc.entity.v1",
            "Muster Treuhand AG",
            "CHE-123.456.788",
            "Bahnhofstrasse 1",
            "8001",
            "Zürich",
            "CH",
            "SOLE_SIGNATURE",
            "K");
    assertThat(bytes.getInt()).as("number of owners").isEqualTo(2);
    assertThat(fields(bytes, 12))
        .containsExactly(
            "Eriksson",
            "Anna",
            "1974-08-12",
            "CH",
            "Bahnhofstrasse 1",
            "8001",
            "Zürich",
            "CH",
            "CAPITAL_OR_VOTES",
            "33.5",
            "0",
            "");
    assertThat(fields(bytes, 12))
        .containsExactly(
            "Müller",
            "Hans",
            "1960-01-31",
            "CH",
            "Bahnhofstrasse 1",
            "8001",
            "Zürich",
            "CH",
            "CAPITAL_OR_VOTES",
            "50",
            "50",
            "");
    assertThat(bytes.hasRemaining()).isFalse();
  }

  @Test
  void changesTheEntityBytesWhenTheDeclarationChanges() {
    LegalEntityData entity = valid(VALIDATOR.validateEntity(KycSpecimens.company()));
    OwnerDeclaration half =
        valid(
            VALIDATOR.validateOwners(
                new OwnerDeclarationForm(
                    "K", List.of(holder("Eriksson", "Anna", "1974-08-12", "50", "50")))));
    OwnerDeclaration more =
        valid(
            VALIDATOR.validateOwners(
                new OwnerDeclarationForm(
                    "K", List.of(holder("Eriksson", "Anna", "1974-08-12", "51", "50")))));
    OwnerDeclaration formA =
        valid(
            VALIDATOR.validateOwners(
                new OwnerDeclarationForm(
                    "A", List.of(KycSpecimens.ownerA("Eriksson", "Anna", "1974-08-12")))));

    assertThat(CanonicalFields.entity(entity, more))
        .isNotEqualTo(CanonicalFields.entity(entity, half));
    assertThat(CanonicalFields.entity(entity, formA))
        .isNotEqualTo(CanonicalFields.entity(entity, half));
  }

  @Test
  void tagsPersonAndEntityEncodingsDifferently() {
    assertThat(CanonicalFields.PERSON_V1).isNotEqualTo(CanonicalFields.ENTITY_V1);
    assertThat(decode(personBytes(anna())).getFirst()).isEqualTo(CanonicalFields.PERSON_V1);
  }

  /** The next {@code count} length-prefixed fields of the buffer. */
  private static List<String> fields(ByteBuffer buffer, int count) {
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] field = new byte[buffer.getInt()];
      buffer.get(field);
      fields.add(new String(field, StandardCharsets.UTF_8));
    }
    return fields;
  }
}
