package org.trademap.server.onboarding;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A validated beneficial-owner declaration of a legal entity: Form A (beneficial owners of the
 * assets) or Form K (controlling persons of an operating company). Obtain it from {@link
 * KycDataValidator#validateOwners}.
 *
 * <p>A declaration is a set: its owners are kept in {@link OwnerIdentity} order and no identity
 * appears twice, so submitting the same owners again, in any order, gives an equal declaration with
 * the same {@link CanonicalFields canonical bytes}.
 */
public sealed interface OwnerDeclaration permits OwnerDeclaration.FormA, OwnerDeclaration.FormK {

  /** The most owners one declaration may list. */
  int MAX_OWNERS = 50;

  /** The owners in {@link OwnerIdentity} order. */
  List<BeneficialOwner> owners();

  /** {@code A} or {@code K}, as on the form. */
  String form();

  /** The declaration as a form, e.g. to edit it; validating the form gives this value again. */
  OwnerDeclarationForm toForm();

  /** Who the owners are. */
  default SortedSet<OwnerIdentity> identities() {
    TreeSet<OwnerIdentity> identities = new TreeSet<>();
    owners().forEach(owner -> identities.add(owner.identity()));
    return Collections.unmodifiableSortedSet(identities);
  }

  /**
   * Form A: the beneficial owners of the assets.
   *
   * @param owners 1 to {@value OwnerDeclaration#MAX_OWNERS} owners, kept in identity order
   */
  record FormA(List<BeneficialOwner> owners) implements OwnerDeclaration {
    /** Sorts the owners; refuses an empty list, a too long one and duplicates. */
    public FormA {
      owners = OwnerRules.inCanonicalOrder(owners, BeneficialOwner::identity);
    }

    @Override
    public String form() {
      return "A";
    }

    @Override
    public OwnerDeclarationForm toForm() {
      return new OwnerDeclarationForm(
          form(),
          owners.stream()
              .<@Nullable BeneficialOwnerForm>map(
                  o ->
                      BeneficialOwnerForm.formA(
                          o.surname(),
                          o.givenNames(),
                          o.dateOfBirth().toString(),
                          o.nationality(),
                          o.address().toForm()))
              .toList());
    }
  }

  /**
   * Form K: the controlling persons of an operating company, all on the same level of the {@link
   * ControlBasis} cascade.
   *
   * @param controllingPersons 1 to {@value OwnerDeclaration#MAX_OWNERS} persons, kept in identity
   *     order
   */
  record FormK(List<ControllingPerson> controllingPersons) implements OwnerDeclaration {
    /** Sorts the persons; refuses an empty list, duplicates and a broken cascade. */
    public FormK {
      controllingPersons =
          OwnerRules.inCanonicalOrder(controllingPersons, p -> p.person().identity());
      if (!OwnerRules.controlCascade(
              controllingPersons.stream().map(ControllingPerson::basis).toList())
          .isEmpty()) {
        throw new IllegalArgumentException("the bases of control break the Form K cascade");
      }
    }

    @Override
    public List<BeneficialOwner> owners() {
      return controllingPersons.stream().map(ControllingPerson::person).toList();
    }

    @Override
    public String form() {
      return "K";
    }

    @Override
    public OwnerDeclarationForm toForm() {
      return new OwnerDeclarationForm(
          form(),
          controllingPersons.stream().<@Nullable BeneficialOwnerForm>map(FormK::toForm).toList());
    }

    private static BeneficialOwnerForm toForm(ControllingPerson p) {
      return switch (p.basis()) {
        case ControlBasis.CapitalOrVotes s ->
            form(
                p.person(),
                s.kind(),
                s.capitalPercent().toPlainString(),
                s.votesPercent().toPlainString(),
                null);
        case ControlBasis.OtherMeans m -> form(p.person(), m.kind(), null, null, m.description());
        case ControlBasis.ManagingDirector d -> form(p.person(), d.kind(), null, null, null);
      };
    }

    private static BeneficialOwnerForm form(
        BeneficialOwner o,
        ControlBasis.Kind basis,
        @Nullable String capitalPercent,
        @Nullable String votesPercent,
        @Nullable String controlDescription) {
      return new BeneficialOwnerForm(
          o.surname(),
          o.givenNames(),
          o.dateOfBirth().toString(),
          o.nationality(),
          o.address().toForm(),
          basis.name(),
          capitalPercent,
          votesPercent,
          controlDescription);
    }
  }
}
