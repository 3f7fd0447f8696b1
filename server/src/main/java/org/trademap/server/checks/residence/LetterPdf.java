package org.trademap.server.checks.residence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays a residence letter out on one A4 page as PDF (Apache PDFBox), the address where a DIN 5008
 * (form B) window envelope shows it.
 *
 * <p>Fonts: the TrueType files configured ({@code trademap.residence.fonts}, by default DejaVu Sans
 * of Debian's {@code fonts-dejavu-core}) that exist, then Liberation Sans, which ships inside the
 * PDFBox jar and so is always there. Each character is drawn with the first of them that has a
 * glyph for it, embedded as a subset, so accented and non-Latin names come out as entered. A
 * character none of them has is drawn as {@code ?} and counted ({@link Rendered#unprintable()}):
 * the letter is still made, and the operator is told to check the address before posting it (ADR
 * 0018).
 */
final class LetterPdf {
  private static final Logger log = LoggerFactory.getLogger(LetterPdf.class);

  /** The TrueType font inside the PDFBox jar (used there for form fields). */
  static final String BUNDLED_FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private static final float MM = 72f / 25.4f;
  private static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
  private static final float LEFT = 25 * MM;
  private static final float TEXT_WIDTH = 165 * MM;
  private static final float FACTS_LEFT = 125 * MM;
  private static final int REPLACEMENT = '?';

  /**
   * A rendered letter.
   *
   * @param pdf the PDF document
   * @param unprintable how many characters no font had (drawn as {@code ?})
   */
  record Rendered(byte[] pdf, int unprintable) {}

  private final List<byte[]> fonts;

  /**
   * @param fontFiles TrueType files to try first, in order; those that do not exist are skipped
   */
  LetterPdf(List<Path> fontFiles) {
    List<byte[]> found = new ArrayList<>();
    for (Path file : fontFiles) {
      if (Files.isRegularFile(file)) {
        try {
          found.add(Files.readAllBytes(file));
          log.info("residence letters use the font {}", file);
        } catch (IOException e) {
          log.warn("residence letters cannot read the font {}: {}", file, e.toString());
        }
      } else {
        log.info("residence letters: no font at {}", file);
      }
    }
    try (InputStream bundled = LetterPdf.class.getResourceAsStream(BUNDLED_FONT)) {
      if (bundled == null) {
        throw new IllegalStateException("the PDFBox jar has no " + BUNDLED_FONT);
      }
      found.add(bundled.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.fonts = List.copyOf(found);
  }

  /** How many fonts are tried for each character, the bundled one included. */
  int fontCount() {
    return fonts.size();
  }

  /** Renders the letter. */
  Rendered render(LetterContent content) {
    List<TrueTypeFont> parsed = new ArrayList<>();
    try (PDDocument document = new PDDocument()) {
      List<Face> faces = new ArrayList<>();
      for (byte[] font : fonts) {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
        parsed.add(ttf);
        faces.add(new Face(PDType0Font.load(document, ttf, true), ttf.getUnicodeCmapLookup()));
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      Writer writer;
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        writer = new Writer(out, faces);
        layout(writer, content);
      }
      document.getDocumentInformation().setTitle(content.subject());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return new Rendered(bytes.toByteArray(), writer.unprintable);
    } catch (IOException e) {
      throw new UncheckedIOException("the residence letter could not be rendered", e);
    } finally {
      for (TrueTypeFont ttf : parsed) {
        try {
          ttf.close();
        } catch (IOException e) {
          log.debug("closing a font failed", e);
        }
      }
    }
  }

  private static void layout(Writer w, LetterContent content) throws IOException {
    w.line(content.sender(), LEFT, top(40), 7.5f);
    w.line(content.endorsement(), LEFT, top(49), 9f);
    float y = top(62.7f);
    for (String line : content.recipient()) {
      w.line(line, LEFT, y, 11f);
      y -= 4.8f * MM;
    }
    y = top(50);
    for (String line : content.facts()) {
      w.line(line, FACTS_LEFT, y, 9.5f);
      y -= 4.5f * MM;
    }
    y = w.paragraph(content.subject(), top(105), 13.5f);
    y -= 4 * MM;
    for (String paragraph : content.before()) {
      y = w.paragraph(paragraph, y, 10.5f) - 2.5f * MM;
    }
    y -= 2 * MM;
    w.line(content.codeCaption(), LEFT, y, 10.5f);
    y -= 12 * MM;
    w.box(LEFT, y - 4 * MM, 80 * MM, 14 * MM);
    w.line(content.code(), LEFT + 6 * MM, y, 22f);
    y -= 14 * MM;
    for (String paragraph : content.after()) {
      y = w.paragraph(paragraph, y, 10.5f) - 2.5f * MM;
    }
    w.paragraph(content.closing(), y - 4 * MM, 10.5f);
    w.line(content.reference(), LEFT, 15 * MM, 8f);
  }

  /** The PDF y coordinate of a line {@code millimetres} below the top edge. */
  private static float top(float millimetres) {
    return PAGE_HEIGHT - millimetres * MM;
  }

  private record Face(PDType0Font font, CmapLookup cmap) {
    boolean has(int codePoint) {
      return cmap.getGlyphId(codePoint) > 0;
    }
  }

  /** A piece of text drawn with one font. */
  private record Run(Face face, String text) {}

  /** Draws text with the first face that has each character, counting those none has. */
  private static final class Writer {
    private final PDPageContentStream out;
    private final List<Face> faces;
    int unprintable;

    Writer(PDPageContentStream out, List<Face> faces) {
      this.out = out;
      this.faces = faces;
    }

    /** Draws one line at (x, y). */
    void line(String text, float x, float y, float size) throws IOException {
      List<Run> runs = runs(text, true);
      out.beginText();
      out.newLineAtOffset(x, y);
      for (Run run : runs) {
        out.setFont(run.face().font(), size);
        out.showText(run.text());
      }
      out.endText();
    }

    /** Draws a paragraph wrapped to the text width from y down; returns the next line's y. */
    float paragraph(String text, float y, float size) throws IOException {
      float leading = size * 1.4f;
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ", -1)) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (!line.isEmpty() && width(candidate, size) > TEXT_WIDTH) {
          line(line.toString(), LEFT, y, size);
          y -= leading;
          line.setLength(0);
          line.append(word);
        } else {
          line.setLength(0);
          line.append(candidate);
        }
      }
      if (!line.isEmpty()) {
        line(line.toString(), LEFT, y, size);
        y -= leading;
      }
      return y;
    }

    void box(float x, float y, float width, float height) throws IOException {
      out.setLineWidth(0.8f);
      out.addRect(x, y, width, height);
      out.stroke();
    }

    private float width(String text, float size) throws IOException {
      float width = 0;
      for (Run run : runs(text, false)) {
        width += run.face().font().getStringWidth(run.text()) / 1000 * size;
      }
      return width;
    }

    /** Splits text into runs per face; {@code count} adds characters no face has to the count. */
    private List<Run> runs(String text, boolean count) {
      List<Run> runs = new ArrayList<>();
      @Nullable Face current = null;
      StringBuilder pending = new StringBuilder();
      for (int i = 0; i < text.length(); ) {
        int codePoint = text.codePointAt(i);
        i += Character.charCount(codePoint);
        Face face = faceFor(codePoint);
        if (face == null) {
          if (count) {
            unprintable++;
          }
          codePoint = REPLACEMENT;
          face = faces.getFirst();
        }
        if (current != null && !face.equals(current)) {
          runs.add(new Run(current, pending.toString()));
          pending.setLength(0);
        }
        current = face;
        pending.appendCodePoint(codePoint);
      }
      if (current != null) {
        runs.add(new Run(current, pending.toString()));
      }
      return runs;
    }

    private @Nullable Face faceFor(int codePoint) {
      for (Face face : faces) {
        if (face.has(codePoint)) {
          return face;
        }
      }
      return null;
    }
  }
}
