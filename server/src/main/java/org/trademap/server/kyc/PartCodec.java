package org.trademap.server.kyc;

import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.PersonalForm;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON document of each file part, before it is sealed: the validated value as its form ({@code
 * toForm()}), so reading it back is validating it again. Equal values give equal bytes, so saving
 * unchanged data is recognised as no change.
 */
final class PartCodec {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PartCodec() {}

  static byte[] write(Object form) {
    return JSON.writeValueAsBytes(form);
  }

  static Object read(FilePart part, byte[] json) {
    return JSON.readValue(json, formType(part));
  }

  private static Class<?> formType(FilePart part) {
    return switch (part) {
      case PERSON, ACTING_PERSON -> PersonalForm.class;
      case ENTITY -> LegalEntityForm.class;
      case BENEFICIAL_OWNERS -> OwnerDeclarationForm.class;
    };
  }
}
