package org.trademap.server.onboarding;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.Normalizer2;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Who a beneficial owner is, for telling two entries of a declaration apart: the names folded with
 * Unicode NFKC_Casefold (so {@code MÜLLER}, {@code Müller} and {@code Mu}+combining diaeresis
 * {@code ller} are the same) with runs of spaces collapsed, and the date of birth. Two entries with
 * the same identity are the same person listed twice.
 *
 * <p>Identities are ordered by surname, given names and date of birth, comparing the folded names
 * by code point; a declaration keeps its owners in this order, so the same list submitted in
 * another order is the same declaration.
 *
 * @param surname the folded surname
 * @param givenNames the folded given names
 * @param dateOfBirth the date of birth
 */
public record OwnerIdentity(String surname, String givenNames, LocalDate dateOfBirth)
    implements Comparable<OwnerIdentity> {
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  private static final Comparator<OwnerIdentity> ORDER =
      Comparator.comparing(OwnerIdentity::surname, OwnerIdentity::compareCodePoints)
          .thenComparing(OwnerIdentity::givenNames, OwnerIdentity::compareCodePoints)
          .thenComparing(OwnerIdentity::dateOfBirth);

  /** Checks the components. */
  public OwnerIdentity {
    Objects.requireNonNull(surname, "surname");
    Objects.requireNonNull(givenNames, "givenNames");
    Objects.requireNonNull(dateOfBirth, "dateOfBirth");
  }

  /** The identity of an owner with these names, folded as described above. */
  public static OwnerIdentity of(String surname, String givenNames, LocalDate dateOfBirth) {
    return new OwnerIdentity(fold(surname), fold(givenNames), dateOfBirth);
  }

  @Override
  public int compareTo(OwnerIdentity other) {
    return ORDER.compare(this, other);
  }

  static String fold(String name) {
    String folded = NFKC_CASEFOLD.normalize(name);
    StringBuilder out = new StringBuilder(folded.length());
    boolean pendingSpace = false;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (UCharacter.getType(cp) == UCharacterCategory.SPACE_SEPARATOR) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  // UTF-8 byte order is code-point order, unlike String.compareTo (UTF-16 code units).
  private static int compareCodePoints(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
