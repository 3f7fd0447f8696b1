package org.trademap.server.onboarding;

import java.util.Objects;

/**
 * A controlling person declared on Form K, with the basis of their control.
 *
 * @param person name, date of birth, nationality and address
 * @param basis why this person controls the company
 */
public record ControllingPerson(BeneficialOwner person, ControlBasis basis) {
  /** Checks the components. */
  public ControllingPerson {
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(basis, "basis");
  }
}
