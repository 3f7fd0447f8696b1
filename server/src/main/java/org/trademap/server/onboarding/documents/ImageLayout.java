package org.trademap.server.onboarding.documents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where an image ends, what it carries besides pixels and how it wants to be turned, read from its
 * segment (JPEG) or chunk (PNG) structure without decoding anything.
 *
 * @param end the offset just after the end marker ({@code EOI} or the {@code IEND} chunk); anything
 *     from here on was appended
 * @param hasMetadata whether the image carries metadata that re-encoding drops (EXIF, XMP, ICC,
 *     comments, text chunks)
 * @param orientation the EXIF orientation, 1 (upright) to 8
 * @param segments the JPEG marker segments before the first scan, or the PNG chunk types, in order
 */
record ImageLayout(int end, boolean hasMetadata, int orientation, List<Segment> segments) {

  /** PNG chunks that describe pixels; every other chunk is metadata. */
  private static final Set<String> PNG_PIXEL_CHUNKS =
      Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS");

  private static final byte[] EXIF = {'E', 'x', 'i', 'f', 0, 0};
  private static final byte[] JFIF = {'J', 'F', 'I', 'F', 0};
  private static final int ORIENTATION_TAG = 0x0112;
  private static final int SHORT_TYPE = 3;

  ImageLayout {
    segments = List.copyOf(segments);
  }

  /**
   * One JPEG marker segment or PNG chunk.
   *
   * @param name {@code APP1}, {@code COM}, {@code SOF0} … for JPEG; the chunk type for PNG
   * @param offset where its payload starts
   * @param length the payload's length
   */
  record Segment(String name, int offset, int length) {}

  /** The layout of a JPEG, or {@code null} when it is malformed or has no end marker. */
  static @Nullable ImageLayout jpeg(byte[] b) {
    List<Segment> segments = new ArrayList<>();
    boolean metadata = false;
    int orientation = 1;
    boolean scanned = false;
    int pos = 2;
    while (true) {
      if (pos >= b.length || (b[pos] & 0xFF) != 0xFF) {
        return null;
      }
      while (pos < b.length && (b[pos] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos >= b.length) {
        return null;
      }
      int marker = b[pos] & 0xFF;
      pos++;
      if (marker == 0xD9) {
        return new ImageLayout(pos, metadata, orientation, segments);
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue;
      }
      if (pos + 2 > b.length) {
        return null;
      }
      int length = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
      if (length < 2 || pos + length > b.length) {
        return null;
      }
      int payload = pos + 2;
      int payloadLength = length - 2;
      pos += length;
      if (!scanned) {
        segments.add(new Segment(jpegName(marker), payload, payloadLength));
      }
      if ((marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE) {
        metadata = true;
        if (marker == 0xE1
            && orientation == 1
            && Sniffer.startsWith(b, payload, EXIF)
            && payloadLength > EXIF.length) {
          orientation = exifOrientation(b, payload + EXIF.length, payload + payloadLength);
        }
      } else if (marker == 0xE0 && !Sniffer.startsWith(b, payload, JFIF)) {
        metadata = true;
      }
      if (marker == 0xDA) {
        scanned = true;
        pos = skipEntropyCodedData(b, pos);
      }
    }
  }

  /** The layout of a PNG, or {@code null} when it is malformed or has no {@code IEND} chunk. */
  static @Nullable ImageLayout png(byte[] b) {
    List<Segment> segments = new ArrayList<>();
    boolean metadata = false;
    int pos = 8;
    while (pos + 12 <= b.length) {
      long length = readInt(b, pos, false) & 0xFFFF_FFFFL;
      String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (length > b.length - pos - 12L) {
        return null;
      }
      if (segments.isEmpty() && (!type.equals("IHDR") || length != 13)) {
        return null;
      }
      segments.add(new Segment(type, pos + 8, (int) length));
      pos += 12 + (int) length;
      if (type.equals("IEND")) {
        return new ImageLayout(pos, metadata, 1, segments);
      }
      if (!PNG_PIXEL_CHUNKS.contains(type)) {
        metadata = true;
      }
    }
    return null;
  }

  /** The offset of the marker after a scan's entropy-coded data (or the end of the bytes). */
  private static int skipEntropyCodedData(byte[] b, int from) {
    int i = from;
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        i++;
        continue;
      }
      int next = b[i + 1] & 0xFF;
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
        i += next == 0xFF ? 1 : 2;
        continue;
      }
      return i;
    }
    return b.length;
  }

  /**
   * The orientation tag of IFD0 in the TIFF structure at {@code [tiff, end)}, or 1 when absent or
   * malformed. Every offset is checked against the segment's bounds.
   */
  private static int exifOrientation(byte[] b, int tiff, int end) {
    if (end - tiff < 8) {
      return 1;
    }
    boolean little;
    if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
      little = true;
    } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
      little = false;
    } else {
      return 1;
    }
    if (readShort(b, tiff + 2, little) != 42) {
      return 1;
    }
    long ifd = readInt(b, tiff + 4, little) & 0xFFFF_FFFFL;
    if (ifd < 8 || ifd > end - tiff - 2L) {
      return 1;
    }
    int ifdAt = tiff + (int) ifd;
    int entries = readShort(b, ifdAt, little);
    for (int i = 0; i < entries; i++) {
      int entry = ifdAt + 2 + 12 * i;
      if (entry + 12 > end) {
        return 1;
      }
      if (readShort(b, entry, little) == ORIENTATION_TAG) {
        int type = readShort(b, entry + 2, little);
        long count = readInt(b, entry + 4, little) & 0xFFFF_FFFFL;
        int value = readShort(b, entry + 8, little);
        return type == SHORT_TYPE && count == 1 && value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int readShort(byte[] b, int at, boolean little) {
    int first = b[at] & 0xFF;
    int second = b[at + 1] & 0xFF;
    return little ? second << 8 | first : first << 8 | second;
  }

  private static int readInt(byte[] b, int at, boolean little) {
    int first = readShort(b, at, little);
    int second = readShort(b, at + 2, little);
    return little ? second << 16 | first : first << 16 | second;
  }

  private static String jpegName(int marker) {
    if (marker >= 0xE0 && marker <= 0xEF) {
      return "APP" + (marker - 0xE0);
    }
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      return "SOF" + (marker - 0xC0);
    }
    return switch (marker) {
      case 0xC4 -> "DHT";
      case 0xCC -> "DAC";
      case 0xDA -> "SOS";
      case 0xDB -> "DQT";
      case 0xDD -> "DRI";
      case 0xFE -> "COM";
      default -> String.format("%02X", marker);
    };
  }
}
