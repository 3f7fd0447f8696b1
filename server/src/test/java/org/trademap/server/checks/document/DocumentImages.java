package org.trademap.server.checks.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders document pages with a machine-readable zone for the OCR tests: the zone in DejaVu Sans
 * Mono (Debian's {@code fonts-dejavu-core}, which {@code .ci/run} installs), the rest in the JDK's
 * logical fonts.
 */
final class DocumentImages {
  static final Path MONO_FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf");

  private DocumentImages() {}

  /**
   * The monospace font of the zone. Without it the calling test is skipped, or under {@code
   * CI=true} fails, so that CI cannot pass without running it.
   */
  static Font monoFont(float size) {
    if (!Files.isRegularFile(MONO_FONT)) {
      String hint = MONO_FONT + " is missing: apt-get install fonts-dejavu-core";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(hint + " (CI=true: a missing font fails the build)");
      }
      Assumptions.abort(hint);
    }
    try {
      return Font.createFont(Font.TRUETYPE_FONT, MONO_FONT.toFile()).deriveFont(size);
    } catch (FontFormatException | IOException e) {
      throw new IllegalStateException("cannot load " + MONO_FONT, e);
    }
  }

  /**
   * A document page: a light background (plain, or with guilloche lines, a gradient and noise), a
   * title, a few data lines, a photo box, and the zone at the bottom.
   *
   * @param width page width in pixels
   * @param height page height in pixels
   * @param zone the zone's lines
   * @param glyphSize the zone font's size in pixels
   * @param noisy whether to draw a photo-like background
   */
  static BufferedImage page(
      int width, int height, List<String> zone, float glyphSize, boolean noisy) {
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      Random random = new Random(42);
      if (noisy) {
        background(g, width, height, random);
      } else {
        g.setColor(new Color(250, 250, 245));
        g.fillRect(0, 0, width, height);
      }
      g.setColor(new Color(150, 150, 160));
      g.fillRect(width / 20, height / 6, width / 4, height / 2);
      g.setColor(new Color(40, 40, 90));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(glyphSize * 1.1f)));
      g.drawString("UTOPIA  PASSPORT / PASSEPORT", width / 20, height / 10);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(glyphSize * 0.7f)));
      int x = width / 3;
      int y = height / 5;
      for (String label :
          List.of(
              "Surname / Nom", "ERIKSSON", "Given names / Prenoms", "ANNA MARIA", "12 AUG 1974")) {
        g.drawString(label, x, y);
        y += Math.round(glyphSize * 1.2f);
      }
      g.setColor(new Color(20, 20, 20));
      g.setFont(monoFont(glyphSize));
      int lineHeight = Math.round(glyphSize * 1.5f);
      int baseline = height - lineHeight * zone.size() + lineHeight / 2;
      for (String line : zone) {
        g.drawString(line, width / 25, baseline);
        baseline += lineHeight;
      }
    } finally {
      g.dispose();
    }
    if (noisy) {
      addNoise(page, new Random(7));
    }
    return page;
  }

  private static void background(Graphics2D g, int width, int height, Random random) {
    for (int y = 0; y < height; y++) {
      int shade = 215 + 25 * y / height;
      g.setColor(new Color(shade, Math.min(255, shade + 10), shade - 10));
      g.drawLine(0, y, width, y);
    }
    g.setStroke(new BasicStroke(1.5f));
    for (int wave = 0; wave < 40; wave++) {
      g.setColor(new Color(180 + random.nextInt(40), 190 + random.nextInt(40), 200));
      double phase = random.nextDouble() * Math.PI * 2;
      double amplitude = 10 + random.nextInt(30);
      int offset = random.nextInt(height);
      int previous = offset;
      for (int x = 1; x < width; x += 3) {
        int y = offset + (int) (amplitude * Math.sin(x / 40.0 + phase));
        g.drawLine(x - 3, previous, x, y);
        previous = y;
      }
    }
  }

  private static void addNoise(BufferedImage image, Random random) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int noise = (int) (random.nextGaussian() * 12);
        int r = Math.clamp(((rgb >> 16) & 0xff) + noise, 0, 255);
        int gr = Math.clamp(((rgb >> 8) & 0xff) + noise, 0, 255);
        int b = Math.clamp((rgb & 0xff) + noise, 0, 255);
        image.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
  }

  /** The image encoded as PNG or JPEG. */
  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
