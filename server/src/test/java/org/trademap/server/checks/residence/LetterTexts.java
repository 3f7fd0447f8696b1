package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads residence letters back as a person reads them: the text of the PDF, the code in it. */
public final class LetterTexts {
  private static final Pattern CODE = Pattern.compile("\\b([0-9A-Z]{5}-[0-9A-Z]{5})\\b");

  private LetterTexts() {}

  /** The text of the PDF, as PDFBox extracts it. */
  public static String text(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      return new PDFTextStripper().getText(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The code printed in the letter, as printed (two groups of five). */
  public static String code(byte[] pdf) {
    Matcher code = CODE.matcher(text(pdf));
    assertThat(code.find()).as("a code in the letter").isTrue();
    return code.group(1);
  }
}
