package org.trademap.server.kyc.documents;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.onboarding.documents.DocumentKind;

/**
 * Which documents a subject may and must keep, and the names of the kinds in the API.
 *
 * <p>Everyone proves their identity with a passport (its photo page) or an identity card (front and
 * back). A legal entity also keeps an extract from the commercial register, and the identity
 * document is that of the person acting for it. A register extract is for companies only: a person
 * uploading one is refused ({@code document.kind-not-applicable}), so nothing about a person ends
 * up filed under a company document.
 */
public final class DocumentKinds {
  private DocumentKinds() {}

  /** The kind's name in the API and in forms, e.g. {@code passport-page}. */
  public static String apiName(DocumentKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind with this API name (exactly, as {@link #apiName} writes it); empty otherwise. */
  public static Optional<DocumentKind> ofApiName(@Nullable String name) {
    return Arrays.stream(DocumentKind.values()).filter(k -> apiName(k).equals(name)).findFirst();
  }

  /** The kinds an account of this kind may upload. */
  public static Set<DocumentKind> allowedFor(AccountKind subject) {
    return subject == AccountKind.LEGAL_ENTITY
        ? EnumSet.allOf(DocumentKind.class)
        : EnumSet.complementOf(EnumSet.of(DocumentKind.REGISTER_EXTRACT));
  }

  /** Whether an account of this kind may upload documents of that kind. */
  public static boolean isAllowed(AccountKind subject, DocumentKind kind) {
    return allowedFor(subject).contains(kind);
  }

  /**
   * Whether the kinds on file prove an identity: a passport page, or both sides of an identity
   * card.
   */
  public static boolean provesIdentity(Set<DocumentKind> onFile) {
    return onFile.contains(DocumentKind.PASSPORT_PAGE)
        || (onFile.contains(DocumentKind.ID_CARD_FRONT)
            && onFile.contains(DocumentKind.ID_CARD_BACK));
  }

  /**
   * Whether the kinds on file are all a subject of this kind needs for its submission: an identity
   * ({@link #provesIdentity}) and, for a legal entity, the register extract.
   */
  public static boolean complete(AccountKind subject, Set<DocumentKind> onFile) {
    return provesIdentity(onFile)
        && (subject != AccountKind.LEGAL_ENTITY || onFile.contains(DocumentKind.REGISTER_EXTRACT));
  }
}
