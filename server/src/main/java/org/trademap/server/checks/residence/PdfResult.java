package org.trademap.server.checks.residence;

/** What {@link ResidenceConfirmation#pdf} found. */
public sealed interface PdfResult {
  /**
   * The letter as PDF. It holds the code and the address: hand it to an operator only.
   *
   * @param letter the letter
   * @param bytes the PDF document
   */
  record Pdf(Letter letter, byte[] bytes) implements PdfResult {
    @Override
    public String toString() {
      return "Pdf[letter=" + letter.id() + ", bytes=" + bytes.length + "]";
    }
  }

  /** No PDF. */
  record Refused(Refusal refusal) implements PdfResult {}
}
