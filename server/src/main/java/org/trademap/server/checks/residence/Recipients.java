package org.trademap.server.checks.residence;

import java.util.List;
import org.trademap.server.kyc.Subject;
import org.trademap.server.onboarding.Address;

/** Where a subject's residence letter goes: the name and domicile address of its KYC profile. */
interface Recipients {

  /** The subject's recipient, or why there is none. */
  Lookup lookup(Subject subject);

  /** What {@link #lookup} found. */
  sealed interface Lookup {
    /** The subject's name and domicile address. */
    record Found(Recipient recipient) implements Lookup {}

    /** The profile has no domicile address yet. */
    record NoAddress() implements Lookup {}

    /** The subject's personal data was erased. */
    record Erased() implements Lookup {}
  }

  /**
   * The addressee of a letter. Personal data: it goes into the PDF only, never into a log ({@link
   * #toString()} hides it).
   *
   * @param names the name lines: a person's name; a legal entity's name, then the person acting
   * @param address the domicile address
   */
  record Recipient(List<String> names, Address address) {
    /** Copies the names. */
    public Recipient {
      names = List.copyOf(names);
    }

    @Override
    public String toString() {
      return "Recipient[hidden]";
    }
  }
}
