package org.trademap.server.checks.document;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.trademap.server.checks.document.MrzReading.Pass;
import org.trademap.server.checks.document.TextRecognizer.Recognized;
import org.trademap.server.checks.document.TextRecognizer.Segmentation;

/**
 * Finds and reads the machine-readable zone of a document image (ADR 0016).
 *
 * <ol>
 *   <li>The image is decoded, turned grey and scaled so that it is {@value #MIN_WIDTH} to {@value
 *       #MAX_WIDTH} pixels wide (a zone line then spans several hundred pixels: glyphs of roughly
 *       20–50 pixels, where Tesseract reads best).
 *   <li>Pass {@link Pass#BOTTOM}: the lower {@value #BOTTOM_PERCENT} % of the image, read as one
 *       block. Pass {@link Pass#WHOLE}: the whole image with layout analysis. Pass {@link
 *       Pass#UPSIDE_DOWN}: the lower part of the image turned by 180°. Passes stop at the first
 *       zone that parses.
 *   <li>In each pass the lines of a zone's shape (after removing spaces: {@value #MIN_LINE} to
 *       {@value #MAX_LINE} characters) are grouped into runs of two or three consecutive lines;
 *       each run is corrected and parsed by {@link MrzCorrector}, and the best one wins: one that
 *       parses, else the fewest defects, else the lowest in the image.
 * </ol>
 */
public final class MrzReader {
  static final int MIN_WIDTH = 1000;
  static final int MAX_WIDTH = 2000;
  static final int BOTTOM_PERCENT = 45;
  static final int MIN_LINE = 24;
  static final int MAX_LINE = 50;

  private final TextRecognizer recognizer;

  public MrzReader(TextRecognizer recognizer) {
    this.recognizer = recognizer;
  }

  /** Reads the zone from encoded image bytes (PNG or JPEG). */
  public MrzReading read(byte[] image, LocalDate today) {
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException | RuntimeException e) {
      return new MrzReading.Unavailable(MrzReading.Cause.NOT_AN_IMAGE);
    }
    if (decoded == null || decoded.getWidth() < 2 || decoded.getHeight() < 2) {
      return new MrzReading.Unavailable(MrzReading.Cause.NOT_AN_IMAGE);
    }
    return read(decoded, today);
  }

  /** Reads the zone from an image. */
  public MrzReading read(BufferedImage image, LocalDate today) {
    BufferedImage grey = greyScaled(image);
    List<String> seen = new ArrayList<>();
    MrzReading.@Nullable Found best = null;
    for (Pass pass : Pass.values()) {
      if (pass == Pass.UPSIDE_DOWN && best != null) {
        break;
      }
      BufferedImage input =
          switch (pass) {
            case BOTTOM -> bottom(grey);
            case WHOLE -> grey;
            case UPSIDE_DOWN -> bottom(rotated(grey));
          };
      Recognized recognized =
          recognizer.recognise(input, pass == Pass.WHOLE ? Segmentation.AUTO : Segmentation.BLOCK);
      seen.addAll(recognized.lines());
      Optional<MrzReading.Found> found = bestZone(recognized, pass, today);
      if (found.isPresent() && (best == null || better(found.get(), best))) {
        best = found.get();
      }
      if (best != null && best.corrected().outcome() instanceof MrzOutcome.Parsed) {
        break;
      }
    }
    return best != null ? best : new MrzReading.NotFound(seen);
  }

  private static boolean better(MrzReading.Found a, MrzReading.Found b) {
    return defects(a) < defects(b);
  }

  private static int defects(MrzReading.Found found) {
    return found.corrected().outcome() instanceof MrzOutcome.Rejected r ? r.defects().size() : 0;
  }

  /** The best run of two or three zone-shaped consecutive lines, lowest first among equals. */
  static Optional<MrzReading.Found> bestZone(Recognized recognized, Pass pass, LocalDate today) {
    List<String> lines = recognized.lines();
    List<MrzReading.Found> candidates = new ArrayList<>();
    for (int end = lines.size(); end >= 2; end--) {
      for (int count = 2; count <= 3 && end - count >= 0; count++) {
        List<String> run = lines.subList(end - count, end);
        if (run.stream().allMatch(MrzReader::zoneShaped)) {
          candidates.add(
              new MrzReading.Found(
                  run, recognized.confidence(), pass, MrzCorrector.correct(run, today)));
        }
      }
    }
    // Stable sort: among equals the lowest run (found first) stays first.
    return candidates.stream().min(Comparator.comparingInt(MrzReader::defects));
  }

  /** Whether a line could be a zone line: its length without spaces and mostly MRZ characters. */
  static boolean zoneShaped(String line) {
    String compact = line.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    if (compact.length() < MIN_LINE || compact.length() > MAX_LINE) {
      return false;
    }
    long mrz = compact.chars().filter(c -> CheckDigits.isMrzChar((char) c)).count();
    return mrz * 10 >= compact.length() * 9L;
  }

  /** The image in 8-bit grey, scaled to {@link #MIN_WIDTH}–{@link #MAX_WIDTH} pixels wide. */
  static BufferedImage greyScaled(BufferedImage image) {
    double scale = 1.0;
    if (image.getWidth() > MAX_WIDTH) {
      scale = (double) MAX_WIDTH / image.getWidth();
    } else if (image.getWidth() < MIN_WIDTH) {
      scale = (double) MIN_WIDTH / image.getWidth();
    }
    int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  /** The lower {@link #BOTTOM_PERCENT} % of the image, as an image of its own. */
  static BufferedImage bottom(BufferedImage grey) {
    int top = grey.getHeight() * (100 - BOTTOM_PERCENT) / 100;
    int height = grey.getHeight() - top;
    BufferedImage part = new BufferedImage(grey.getWidth(), height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = part.createGraphics();
    try {
      g.drawImage(grey, 0, -top, null);
    } finally {
      g.dispose();
    }
    return part;
  }

  private static BufferedImage rotated(BufferedImage grey) {
    BufferedImage turned =
        new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = turned.createGraphics();
    try {
      AffineTransform half =
          AffineTransform.getRotateInstance(Math.PI, grey.getWidth() / 2.0, grey.getHeight() / 2.0);
      g.drawImage(grey, half, null);
    } finally {
      g.dispose();
    }
    return turned;
  }
}
