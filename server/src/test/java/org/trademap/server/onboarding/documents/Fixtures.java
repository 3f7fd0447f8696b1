package org.trademap.server.onboarding.documents;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** Test files built in code: images with ImageIO, PDFs with PDFBox, the rest byte by byte. */
public final class Fixtures {
  /** The text hidden in the EXIF of {@link #withExif}: it must not survive intake. */
  public static final String EXIF_MARKER = "TRADEMAP-EXIF-MARKER";

  private Fixtures() {}

  /** A picture whose top-left quarter is red and the rest blue, so that turns can be seen. */
  public static BufferedImage picture(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height / 2);
    g.dispose();
    return image;
  }

  public static byte[] jpeg(int width, int height) {
    return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
  }

  public static byte[] png(int width, int height) {
    return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
  }

  public static byte[] encode(BufferedImage image, String format) {
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

  /**
   * The JPEG with an EXIF segment after its JFIF segment: IFD0 with an image description holding
   * {@link #EXIF_MARKER}, the orientation, and a GPS IFD with a latitude of 47° 22′ N.
   */
  public static byte[] withExif(byte[] jpeg, int orientation) {
    byte[] marker = (EXIF_MARKER + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer tiff = ByteBuffer.allocate(104 + marker.length); // big-endian: "MM"
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    // IFD0 at 8: three entries, sorted by tag.
    tiff.putShort((short) 3);
    tiff.putShort((short) 0x010E).putShort((short) 2).putInt(marker.length).putInt(104);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
    tiff.putShort((short) orientation).putShort((short) 0);
    tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(50);
    tiff.putInt(0);
    // GPS IFD at 50: latitude reference and latitude.
    tiff.putShort((short) 2);
    tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0);
    tiff.putShort((short) 0);
    tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
    tiff.putInt(0);
    // At 80: 47/1, 22/1, 0/1.
    tiff.putInt(47).putInt(1).putInt(22).putInt(1).putInt(0).putInt(1);
    tiff.put(marker);

    byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
    return insertSegment(jpeg, 0xE1, exif);
  }

  /** The JPEG with one more marker segment right after its first (JFIF) segment. */
  public static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
    int app0Length = (jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF);
    int at = 4 + app0Length;
    ByteBuffer segment = ByteBuffer.allocate(4 + payload.length);
    segment.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2));
    segment.put(payload);
    return concat(slice(jpeg, 0, at), segment.array(), slice(jpeg, at, jpeg.length));
  }

  /** The JPEG with the dimensions in its frame header replaced. */
  public static byte[] withFrameSize(byte[] jpeg, int width, int height) {
    ImageLayout layout = ImageLayout.jpeg(jpeg);
    if (layout == null) {
      throw new IllegalArgumentException("not a JPEG");
    }
    ImageLayout.Segment frame =
        layout.segments().stream()
            .filter(s -> s.name().startsWith("SOF"))
            .findFirst()
            .orElseThrow();
    byte[] patched = jpeg.clone();
    ByteBuffer.wrap(patched, frame.offset() + 1, 4)
        .putShort((short) height)
        .putShort((short) width);
    return patched;
  }

  /**
   * A tiny PNG whose header claims {@code width × height} RGB pixels, followed by a few bytes of
   * image data: a pixel flood that decodes into gigabytes.
   */
  public static byte[] pngClaiming(int width, int height) {
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0);
    header.put((byte) 0).put((byte) 0);
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[1024]);
    deflater.finish();
    byte[] data = new byte[1024];
    int length = deflater.deflate(data);
    deflater.end();
    return concat(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
        chunk("IHDR", header.array()),
        chunk("IDAT", slice(data, 0, length)),
        chunk("IEND", new byte[0]));
  }

  /** The PNG with one more chunk right after its header chunk. */
  public static byte[] insertChunk(byte[] png, String type, byte[] data) {
    int at = 8 + 12 + 13;
    return concat(slice(png, 0, at), chunk(type, data), slice(png, at, png.length));
  }

  public static byte[] chunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(typeBytes)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }

  /** A ZIP archive with one small entry. */
  public static byte[] zip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("payload.html"));
      zip.write("<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A PDF with empty pages, changed by {@code setup} before it is saved. */
  public static byte[] pdf(int pages, PdfSetup setup) {
    try (PDDocument document = new PDDocument()) {
      for (int i = 0; i < pages; i++) {
        document.addPage(new PDPage());
      }
      setup.apply(document);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] pdf(int pages) {
    return pdf(pages, document -> {});
  }

  /** Changes a PDF document before it is saved. */
  @FunctionalInterface
  public interface PdfSetup {
    void apply(PDDocument document) throws IOException;
  }

  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  public static byte[] slice(byte[] bytes, int from, int to) {
    byte[] slice = new byte[to - from];
    System.arraycopy(bytes, from, slice, 0, slice.length);
    return slice;
  }

  /** Whether {@code needle} occurs anywhere in {@code bytes}. */
  public static boolean contains(byte[] bytes, byte[] needle) {
    outer:
    for (int i = 0; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
