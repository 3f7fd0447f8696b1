package org.trademap.server.checks.residence;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Profile;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.UnreadableFileException;
import org.trademap.server.onboarding.LegalEntityData;
import org.trademap.server.onboarding.PersonalData;

/**
 * The recipients of residence letters from the KYC files: a person's name and domicile; for a legal
 * entity its name with the person acting for it, at the entity's registered domicile. A file whose
 * parts fail their integrity check is an error ({@link UnreadableFileException} propagates).
 */
@Component
class KycRecipients implements Recipients {
  private final KycFiles files;

  KycRecipients(KycFiles files) {
    this.files = files;
  }

  @Override
  public Lookup lookup(Subject subject) {
    Profile profile;
    try {
      profile = files.profile(subject.accountId(), subject.kind());
    } catch (UnreadableFileException e) {
      if (e.reason() == UnreadableFileException.Reason.ERASED) {
        return new Lookup.Erased();
      }
      throw e;
    }
    PersonalData person = profile.person();
    return switch (subject.kind()) {
      case PERSON ->
          person == null
              ? new Lookup.NoAddress()
              : new Lookup.Found(new Recipient(List.of(name(person)), person.domicile()));
      case LEGAL_ENTITY -> {
        LegalEntityData entity = profile.entity();
        if (entity == null) {
          yield new Lookup.NoAddress();
        }
        List<String> names = new ArrayList<>();
        names.add(entity.name());
        if (person != null) {
          names.add(name(person));
        }
        yield new Lookup.Found(new Recipient(names, entity.domicile()));
      }
    };
  }

  private static String name(PersonalData person) {
    return person.givenNames() + " " + person.surname();
  }
}
