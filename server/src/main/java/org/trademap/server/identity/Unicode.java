package org.trademap.server.identity;

import com.ibm.icu.lang.UCharacter;
import java.text.Normalizer;

/** The two ways this package compares text people type. */
final class Unicode {
  private Unicode() {}

  /** NFC, so that a composed and a decomposed "ä" are the same password. */
  static String nfc(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  /**
   * NFC and full Unicode case folding (so "STRASSE", "Straße" and "strasse" compare equal), for
   * checks that ignore case.
   */
  static String folded(String text) {
    return nfc(UCharacter.foldCase(nfc(text), true));
  }

  /** The length a person counts: code points after NFC. */
  static int length(String text) {
    String normalized = nfc(text);
    return normalized.codePointCount(0, normalized.length());
  }
}
