package org.trademap.server.checks.residence;

import java.util.List;

/**
 * The text of one residence letter, in its language, ready to be laid out. It holds the recipient's
 * name and address and the code, so it is never logged ({@link #toString()} hides it).
 *
 * @param sender the return address line above the address field
 * @param endorsement the postal endorsement above the address ("Do not forward")
 * @param recipient the address block: name lines, then street, postal code and town, country
 * @param facts the lines beside the address: date, reference
 * @param subject the subject line
 * @param before the paragraphs before the code
 * @param codeCaption the line above the code
 * @param code the code as printed (grouped)
 * @param after the paragraphs after the code
 * @param closing the signature line
 * @param reference the footer line naming the letter, so that a returned letter can be found
 */
record LetterContent(
    String sender,
    String endorsement,
    List<String> recipient,
    List<String> facts,
    String subject,
    List<String> before,
    String codeCaption,
    String code,
    List<String> after,
    String closing,
    String reference) {

  /** Copies the lists. */
  LetterContent {
    recipient = List.copyOf(recipient);
    facts = List.copyOf(facts);
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  @Override
  public String toString() {
    return "LetterContent[hidden]";
  }
}
