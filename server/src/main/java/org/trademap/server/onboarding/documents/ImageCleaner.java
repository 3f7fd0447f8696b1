package org.trademap.server.onboarding.documents;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Checks an image's header against the pixel limits, then decodes it and encodes the pixels again,
 * which leaves behind every byte that is not a pixel: EXIF (with GPS), XMP, ICC profiles, comments,
 * PNG text chunks and anything appended after the end marker.
 *
 * <p>Decisions: data appended after the end marker is cleaned away (phones append their own, such
 * as the multi-picture JPEGs of MPF), unless it holds a recognisable second file (an archive, a
 * PDF, a script or a page), which is refused as {@link Refusal#POLYGLOT}: nobody appends a ZIP to a
 * passport photo by accident. A PDF header within the first KiB of an image is refused for the same
 * reason (PDF readers look for it there). The EXIF orientation is applied to the pixels before the
 * EXIF goes, so that a phone photo still displays upright.
 *
 * <p>ImageIO reads and writes through in-memory streams only, so the plaintext never reaches
 * ImageIO's temporary cache files.
 */
final class ImageCleaner {
  private static final float JPEG_QUALITY = 0.92f;

  private final DocumentProperties limits;
  private final Semaphore decodes;

  ImageCleaner(DocumentProperties limits) {
    this.limits = limits;
    this.decodes = new Semaphore(limits.maxConcurrentDecodes(), true);
  }

  Inspection clean(byte[] bytes, DocumentType type) {
    ImageLayout layout =
        type == DocumentType.JPEG ? ImageLayout.jpeg(bytes) : ImageLayout.png(bytes);
    if (layout == null) {
      return Inspection.stop(Refusal.UNDECODABLE);
    }
    Optional<String> hidden = hiddenFile(bytes, layout.end());
    if (hidden.isPresent()) {
      return Inspection.stop(Refusal.POLYGLOT, hidden.get());
    }
    Set<IntakeNotice> notices = EnumSet.noneOf(IntakeNotice.class);
    if (layout.end() < bytes.length) {
      notices.add(IntakeNotice.TRAILING_DATA_REMOVED);
    }
    if (layout.hasMetadata()) {
      notices.add(IntakeNotice.METADATA_REMOVED);
    }
    int orientation = type == DocumentType.JPEG ? layout.orientation() : 1;
    if (orientation != 1) {
      notices.add(IntakeNotice.ORIENTATION_APPLIED);
    }

    ImageReader reader = reader(type);
    try (ImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, 0, layout.end()))) {
      // Forward-only, and metadata is never parsed: the reader only sees the header and pixels.
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        return Inspection.stop(Refusal.UNDECODABLE);
      }
      if ((long) width * height > limits.maxPixels()
          || width > limits.maxSide()
          || height > limits.maxSide()) {
        return Inspection.stop(Refusal.TOO_MANY_PIXELS, width, height);
      }
      if (Math.min(width, height) < limits.minShortSide()) {
        return Inspection.stop(Refusal.TOO_SMALL_IMAGE, width, height, limits.minShortSide());
      }
      byte[] clean = decodeAndEncode(reader, type, orientation, width, height);
      boolean turned = orientation >= 5;
      PixelSize pixels = new PixelSize(turned ? height : width, turned ? width : height);
      return new Inspection.Passed(clean, pixels, 1, notices);
    } catch (IOException | RuntimeException e) {
      // ImageIO reports malformed input with IIOException and, for some damage, with runtime
      // exceptions from deep inside the decoders; either way the file does not decode.
      return Inspection.stop(Refusal.UNDECODABLE);
    } finally {
      reader.dispose();
    }
  }

  private Optional<String> hiddenFile(byte[] bytes, int end) {
    if (end < bytes.length) {
      Optional<String> appended = Sniffer.formatAt(bytes, end);
      if (appended.isPresent() && !appended.get().equals("JPEG")) {
        return appended;
      }
      Optional<String> inside = Sniffer.hiddenFormat(bytes, end, bytes.length);
      if (inside.isPresent()) {
        return inside;
      }
    }
    return Sniffer.containsPdfHeader(bytes, 1, Math.min(Sniffer.PDF_HEADER_WINDOW, end))
        ? Optional.of("PDF")
        : Optional.empty();
  }

  private byte[] decodeAndEncode(
      ImageReader reader, DocumentType type, int orientation, int width, int height)
      throws IOException {
    // Decoding is short; waiting for a turn is better than refusing an honest upload.
    decodes.acquireUninterruptibly();
    try {
      BufferedImage decoded = reader.read(0);
      if (decoded.getWidth() != width || decoded.getHeight() != height) {
        throw new IOException("decoded size differs from the header");
      }
      BufferedImage upright = upright(decoded, type, orientation);
      return encode(upright, type);
    } finally {
      decodes.release();
    }
  }

  /**
   * The image turned to its EXIF orientation and in a plain sRGB or grey layout the writers handle
   * (custom colour spaces from ICC profiles and 16-bit samples are converted).
   */
  private static BufferedImage upright(BufferedImage image, DocumentType type, int orientation) {
    int target = targetType(image, type);
    if (orientation == 1 && target == image.getType()) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean turned = orientation >= 5;
    BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, target);
    // The eight EXIF orientations as (m00, m10, m01, m11, m02, m12), where the pixel at (x, y)
    // goes to (m00·x + m01·y + m02, m10·x + m11·y + m12); 6 is a quarter turn clockwise.
    AffineTransform transform =
        switch (orientation) {
          case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
          case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
          case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
          case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
          case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
          case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
          case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
          default -> new AffineTransform();
        };
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(image, transform, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static int targetType(BufferedImage image, DocumentType type) {
    int current = image.getType();
    boolean plain =
        switch (current) {
          case BufferedImage.TYPE_3BYTE_BGR,
              BufferedImage.TYPE_INT_RGB,
              BufferedImage.TYPE_BYTE_GRAY ->
              true;
          case BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB ->
              type == DocumentType.PNG;
          default -> false;
        };
    if (plain) {
      return current;
    }
    return type == DocumentType.PNG && image.getColorModel().hasAlpha()
        ? BufferedImage.TYPE_INT_ARGB
        : BufferedImage.TYPE_INT_RGB;
  }

  private static byte[] encode(BufferedImage image, DocumentType type) throws IOException {
    ImageWriter writer = writer(type);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (type == DocumentType.JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
      }
      // No metadata is passed on: the writer emits only what the format needs (JFIF, IHDR).
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static ImageReader reader(DocumentType type) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName(type));
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + type);
    }
    return readers.next();
  }

  private static ImageWriter writer(DocumentType type) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(formatName(type));
    if (!writers.hasNext()) {
      throw new IllegalStateException("no ImageIO writer for " + type);
    }
    return writers.next();
  }

  private static String formatName(DocumentType type) {
    return type == DocumentType.JPEG ? "jpeg" : "png";
  }
}
