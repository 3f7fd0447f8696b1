package org.trademap.server.kyc.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.trademap.server.onboarding.AddressForm;
import org.trademap.server.onboarding.BeneficialOwnerForm;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.OwnerDeclaration;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.PersonalForm;

/**
 * The values of an onboarding form by input name ({@code person.surname}, {@code
 * owners[0].address.town}, …), both ways: read from a posted form into the onboarding form records,
 * and written from stored data back into inputs. The templates show exactly these strings, so what
 * the user typed is kept after an error. A blank input is a missing field.
 */
final class FormValues {
  /** Owner rows beyond this are ignored: more than a declaration may list, so it is refused. */
  static final int MAX_ROWS = OwnerDeclaration.MAX_OWNERS + 1;

  private static final Pattern OWNER_INPUT = Pattern.compile("owners\\[(\\d{1,3})]\\..+");
  private static final List<String> ADDRESS = List.of("street", "postalCode", "town", "country");
  private static final List<String> PERSON =
      List.of(
          "surname", "givenNames", "dateOfBirth", "nationality", "occupation", "phone", "email");
  private static final List<String> OWNER =
      List.of(
          "surname",
          "givenNames",
          "dateOfBirth",
          "nationality",
          "basis",
          "capitalPercent",
          "votesPercent",
          "controlDescription");

  private FormValues() {}

  /** The input names of a person's (or the acting person's) fields under {@code prefix}. */
  static List<String> personInputs(String prefix) {
    List<String> names = new ArrayList<>();
    PERSON.forEach(f -> names.add(prefix + f));
    ADDRESS.forEach(f -> names.add(prefix + "domicile." + f));
    return names;
  }

  /** The input names of a legal entity's fields under {@code prefix}. */
  static List<String> entityInputs(String prefix) {
    List<String> names = new ArrayList<>();
    List.of("name", "registerNumber", "signingAuthority").forEach(f -> names.add(prefix + f));
    ADDRESS.forEach(f -> names.add(prefix + "domicile." + f));
    return names;
  }

  /** The input names of owner row {@code index}. */
  static List<String> ownerInputs(int index) {
    String prefix = "owners[" + index + "].";
    List<String> names = new ArrayList<>();
    OWNER.forEach(f -> names.add(prefix + f));
    ADDRESS.forEach(f -> names.add(prefix + "address." + f));
    return names;
  }

  /** The posted person under {@code prefix}. */
  static PersonalForm person(Map<String, String> values, String prefix) {
    return new PersonalForm(
        get(values, prefix + "surname"),
        get(values, prefix + "givenNames"),
        get(values, prefix + "dateOfBirth"),
        get(values, prefix + "nationality"),
        address(values, prefix + "domicile."),
        get(values, prefix + "occupation"),
        get(values, prefix + "phone"),
        get(values, prefix + "email"));
  }

  /** The posted legal entity under {@code prefix}. */
  static LegalEntityForm entity(Map<String, String> values, String prefix) {
    return new LegalEntityForm(
        get(values, prefix + "name"),
        get(values, prefix + "registerNumber"),
        address(values, prefix + "domicile."),
        get(values, prefix + "signingAuthority"));
  }

  /** The number of owner rows posted: one more than the highest row index, at most MAX_ROWS. */
  static int ownerRows(Map<String, String> values) {
    int rows = 0;
    for (String name : values.keySet()) {
      Matcher m = OWNER_INPUT.matcher(name);
      if (m.matches()) {
        rows = Math.max(rows, Integer.parseInt(m.group(1)) + 1);
      }
    }
    return Math.min(rows, MAX_ROWS);
  }

  /** The posted declaration: the form ({@code form}) and rows 0 to {@code rows - 1}. */
  static OwnerDeclarationForm declaration(Map<String, String> values, int rows) {
    List<@Nullable BeneficialOwnerForm> owners = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String p = "owners[" + i + "].";
      owners.add(
          new BeneficialOwnerForm(
              get(values, p + "surname"),
              get(values, p + "givenNames"),
              get(values, p + "dateOfBirth"),
              get(values, p + "nationality"),
              address(values, p + "address."),
              get(values, p + "basis"),
              get(values, p + "capitalPercent"),
              get(values, p + "votesPercent"),
              get(values, p + "controlDescription")));
    }
    return new OwnerDeclarationForm(get(values, "form"), owners);
  }

  /** Puts the person's fields under {@code prefix}. */
  static void put(Map<String, String> values, String prefix, PersonalForm person) {
    values.put(prefix + "surname", text(person.surname()));
    values.put(prefix + "givenNames", text(person.givenNames()));
    values.put(prefix + "dateOfBirth", text(person.dateOfBirth()));
    values.put(prefix + "nationality", text(person.nationality()));
    putAddress(values, prefix + "domicile.", person.domicile());
    values.put(prefix + "occupation", text(person.occupation()));
    values.put(prefix + "phone", text(person.phone()));
    values.put(prefix + "email", text(person.email()));
  }

  /** Puts the entity's fields under {@code prefix}. */
  static void put(Map<String, String> values, String prefix, LegalEntityForm entity) {
    values.put(prefix + "name", text(entity.name()));
    values.put(prefix + "registerNumber", text(entity.registerNumber()));
    putAddress(values, prefix + "domicile.", entity.domicile());
    values.put(prefix + "signingAuthority", text(entity.signingAuthority()));
  }

  /** The declaration's fields: {@code form} and one row per owner. */
  static Map<String, String> of(OwnerDeclarationForm declaration) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("form", text(declaration.form()));
    List<@Nullable BeneficialOwnerForm> owners = new ArrayList<>();
    if (declaration.owners() != null) {
      owners.addAll(declaration.owners());
    }
    for (int i = 0; i < owners.size(); i++) {
      BeneficialOwnerForm owner = owners.get(i);
      if (owner == null) {
        continue;
      }
      String p = "owners[" + i + "].";
      values.put(p + "surname", text(owner.surname()));
      values.put(p + "givenNames", text(owner.givenNames()));
      values.put(p + "dateOfBirth", text(owner.dateOfBirth()));
      values.put(p + "nationality", text(owner.nationality()));
      putAddress(values, p + "address.", owner.address());
      values.put(p + "basis", text(owner.basis()));
      values.put(p + "capitalPercent", text(owner.capitalPercent()));
      values.put(p + "votesPercent", text(owner.votesPercent()));
      values.put(p + "controlDescription", text(owner.controlDescription()));
    }
    return values;
  }

  /**
   * The values without row {@code removed}: the rows after it move up by one, so the indexes stay 0
   * to n - 2.
   */
  static Map<String, String> withoutRow(Map<String, String> values, int removed) {
    Map<String, String> result = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          Matcher m = OWNER_INPUT.matcher(name);
          if (!m.matches()) {
            result.put(name, value);
            return;
          }
          int index = Integer.parseInt(m.group(1));
          if (index == removed) {
            return;
          }
          String rest = name.substring(m.end(1) + 1);
          result.put("owners[" + (index > removed ? index - 1 : index) + "]" + rest, value);
        });
    return result;
  }

  private static @Nullable AddressForm address(Map<String, String> values, String prefix) {
    return new AddressForm(
        get(values, prefix + "street"),
        get(values, prefix + "postalCode"),
        get(values, prefix + "town"),
        get(values, prefix + "country"));
  }

  private static void putAddress(
      Map<String, String> values, String prefix, @Nullable AddressForm address) {
    values.put(prefix + "street", address == null ? "" : text(address.street()));
    values.put(prefix + "postalCode", address == null ? "" : text(address.postalCode()));
    values.put(prefix + "town", address == null ? "" : text(address.town()));
    values.put(prefix + "country", address == null ? "" : text(address.country()));
  }

  private static @Nullable String get(Map<String, String> values, String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static String text(@Nullable String value) {
    return value == null ? "" : value;
  }
}
