package org.trademap.server.onboarding.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.onboarding.documents.Fixtures.ascii;
import static org.trademap.server.onboarding.documents.Fixtures.concat;
import static org.trademap.server.onboarding.documents.Fixtures.contains;

import com.sun.management.ThreadMXBean;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Images are checked from their header, decoded and re-encoded, and lose everything but pixels. */
class ImageIntakeTest {
  private final DocumentIntake intake = new DocumentIntake(DocumentProperties.defaults());

  @Test
  void acceptsJpegAndRemovesItsExifWithGpsPosition() throws Exception {
    byte[] upload = Fixtures.withExif(Fixtures.jpeg(800, 600), 1);
    assertThat(contains(upload, ascii("Exif"))).isTrue();

    CleanDocument document =
        accepted(intake.intake(upload, DocumentKind.PASSPORT_PAGE, "p.jpg", null));

    byte[] clean = document.bytes();
    assertThat(document.type()).isEqualTo(DocumentType.JPEG);
    assertThat(Sniffer.detect(clean)).isEqualTo(DocumentType.JPEG);
    assertThat(document.pixels()).isEqualTo(new PixelSize(800, 600));
    assertThat(contains(clean, ascii("Exif"))).isFalse();
    assertThat(contains(clean, ascii(Fixtures.EXIF_MARKER))).isFalse();
    ImageLayout layout = Objects.requireNonNull(ImageLayout.jpeg(clean));
    assertThat(layout.segments()).extracting(ImageLayout.Segment::name).doesNotContain("APP1");
    assertThat(layout.hasMetadata()).isFalse();
    assertThat(document.notices()).contains(IntakeNotice.METADATA_REMOVED);
  }

  @Test
  void appliesTheExifOrientationBeforeDroppingIt() throws Exception {
    byte[] upload = Fixtures.withExif(Fixtures.jpeg(800, 600), 6);

    CleanDocument document = accepted(intake.intake(upload, DocumentKind.ID_CARD_BACK, null, null));

    assertThat(document.pixels()).isEqualTo(new PixelSize(600, 800));
    assertThat(document.notices()).contains(IntakeNotice.ORIENTATION_APPLIED);
    BufferedImage upright = ImageIO.read(document.openStream());
    // The red top-left quarter of the sensor image is top right after a quarter turn clockwise.
    assertThat(isRed(upright.getRGB(550, 50))).isTrue();
    assertThat(isRed(upright.getRGB(50, 50))).isFalse();
    assertThat(isRed(upright.getRGB(550, 750))).isFalse();
  }

  @Test
  void reEncodesPngAsPngWithoutItsTextChunks() throws Exception {
    byte[] upload =
        Fixtures.insertChunk(Fixtures.png(800, 600), "tEXt", ascii("Comment\0TRADEMAP-PNG-MARKER"));

    CleanDocument document =
        accepted(intake.intake(upload, DocumentKind.ID_CARD_FRONT, "front.png", "image/png"));

    byte[] clean = document.bytes();
    assertThat(Sniffer.detect(clean)).isEqualTo(DocumentType.PNG);
    assertThat(contains(clean, ascii("TRADEMAP-PNG-MARKER"))).isFalse();
    assertThat(document.notices()).containsExactly(IntakeNotice.METADATA_REMOVED);
    BufferedImage image = ImageIO.read(document.openStream());
    assertThat(image.getColorModel().hasAlpha()).isTrue();
    assertThat(isRed(image.getRGB(10, 10))).isTrue();
  }

  @Test
  void acceptsSixteenBitGreyPngAsPlainPng() throws Exception {
    byte[] upload =
        Fixtures.encode(Fixtures.picture(700, 700, BufferedImage.TYPE_USHORT_GRAY), "png");

    CleanDocument document =
        accepted(intake.intake(upload, DocumentKind.PASSPORT_PAGE, null, null));

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(document.bytes()));
    assertThat(image.getWidth()).isEqualTo(700);
    assertThat(image.getColorModel().getComponentSize(0)).isEqualTo(8);
  }

  @Test
  void refusesPngWithZipAppendedAsPolyglot() {
    byte[] upload = concat(Fixtures.png(800, 600), Fixtures.zip());

    IntakeResult result = intake.intake(upload, DocumentKind.PASSPORT_PAGE, "photo.png", null);

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.POLYGLOT,
                "The file carries hidden or active content (ZIP). Upload a plain photo, scan or"
                    + " PDF.",
                List.of("ZIP")));
  }

  @Test
  void refusesJpegWithZipAppendedAsPolyglot() {
    byte[] upload = concat(Fixtures.jpeg(800, 600), Fixtures.zip());

    assertThat(code(intake.intake(upload, DocumentKind.PASSPORT_PAGE, null, null)))
        .isEqualTo("document.polyglot");
  }

  @Test
  void refusesJpegWithAnArchiveFarBehindItsEndAsPolyglot() {
    byte[] upload = concat(Fixtures.jpeg(800, 600), new byte[5000], Fixtures.zip());

    assertThat(code(intake.intake(upload, DocumentKind.PASSPORT_PAGE, null, null)))
        .isEqualTo("document.polyglot");
  }

  @Test
  void refusesJpegWithPdfHeaderInItsFirstKilobyteAsPolyglot() {
    byte[] upload = Fixtures.insertSegment(Fixtures.jpeg(800, 600), 0xFE, ascii("%PDF-1.4 x"));

    IntakeResult result = intake.intake(upload, DocumentKind.PASSPORT_PAGE, null, null);

    assertThat(code(result)).isEqualTo("document.polyglot");
    assertThat(((IntakeResult.Refused) result).arguments()).containsExactly("PDF");
  }

  @Test
  void cleansPlainDataAppendedToPng() {
    byte[] upload = concat(Fixtures.png(800, 600), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

    CleanDocument document =
        accepted(intake.intake(upload, DocumentKind.PASSPORT_PAGE, null, null));

    byte[] clean = document.bytes();
    ImageLayout layout = Objects.requireNonNull(ImageLayout.png(clean));
    assertThat(layout.end()).isEqualTo(clean.length);
    assertThat(document.notices()).contains(IntakeNotice.TRAILING_DATA_REMOVED);
  }

  @Test
  void cleansASecondJpegAppendedAsPhonesDo() {
    byte[] upload = concat(Fixtures.jpeg(800, 600), Fixtures.jpeg(160, 120));

    CleanDocument document =
        accepted(intake.intake(upload, DocumentKind.PASSPORT_PAGE, null, null));

    ImageLayout layout = Objects.requireNonNull(ImageLayout.jpeg(document.bytes()));
    assertThat(layout.end()).isEqualTo(document.size());
    assertThat(document.notices()).contains(IntakeNotice.TRAILING_DATA_REMOVED);
  }

  @Test
  void refusesPngPixelFloodFromItsHeaderWithoutDecoding() {
    byte[] bomb = Fixtures.pngClaiming(50_000, 50_000);
    assertThat(bomb.length).isLessThan(200);

    long[] allocated = new long[1];
    long started = System.nanoTime();
    IntakeResult result =
        allocating(allocated, () -> intake.intake(bomb, DocumentKind.PASSPORT_PAGE, null, null));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.TOO_MANY_PIXELS,
                "The image claims 50000 \u00d7 50000 pixels, more than this server decodes.",
                List.of(50_000, 50_000)));
    // Decoding would need 7.5 GB for the raster alone.
    assertThat(allocated[0]).isLessThan(32L * 1024 * 1024);
    assertThat(millis).isLessThan(5_000);
  }

  @Test
  void refusesJpegPixelFloodFromItsHeaderWithoutDecoding() {
    byte[] bomb = Fixtures.withFrameSize(Fixtures.jpeg(64, 64), 50_000, 50_000);

    long[] allocated = new long[1];
    IntakeResult result =
        allocating(allocated, () -> intake.intake(bomb, DocumentKind.PASSPORT_PAGE, null, null));

    assertThat(code(result)).isEqualTo("document.too-many-pixels");
    assertThat(allocated[0]).isLessThan(32L * 1024 * 1024);
  }

  @Test
  void refusesAnImageWithOneSideLongerThanTheLimit() {
    byte[] strip = Fixtures.pngClaiming(20_000, 700);

    assertThat(code(intake.intake(strip, DocumentKind.PASSPORT_PAGE, null, null)))
        .isEqualTo("document.too-many-pixels");
  }

  @Test
  void refusesMorePixelsThanConfigured() {
    DocumentIntake strict =
        new DocumentIntake(
            new DocumentProperties(DataSize.ofMegabytes(10), 1_000_000, 12_000, 600, 50, 20, 1));

    IntakeResult result =
        strict.intake(Fixtures.jpeg(1200, 900), DocumentKind.PASSPORT_PAGE, null, null);

    assertThat(code(result)).isEqualTo("document.too-many-pixels");
  }

  @Test
  void refusesAnImageTooSmallForTheMachineReadableZone() {
    IntakeResult result =
        intake.intake(Fixtures.jpeg(500, 400), DocumentKind.PASSPORT_PAGE, null, null);

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.TOO_SMALL_IMAGE,
                "The image has 500 \u00d7 400 pixels; its short side needs at least 600 pixels to"
                    + " stay readable.",
                List.of(500, 400, 600)));
  }

  @Test
  void minimumShortSideIsConfigurable() {
    DocumentIntake lenient =
        new DocumentIntake(
            new DocumentProperties(DataSize.ofMegabytes(10), 40_000_000, 12_000, 300, 50, 20, 1));

    IntakeResult result =
        lenient.intake(Fixtures.jpeg(500, 400), DocumentKind.PASSPORT_PAGE, null, null);

    assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void refusesTruncatedJpegAsUndecodable() {
    byte[] whole = Fixtures.jpeg(800, 600);
    byte[] truncated = Fixtures.slice(whole, 0, whole.length / 2);

    assertThat(code(intake.intake(truncated, DocumentKind.PASSPORT_PAGE, null, null)))
        .isEqualTo("document.undecodable");
  }

  @Test
  void refusesPngWithBrokenImageDataAsUndecodable() {
    byte[] broken =
        concat(
            Fixtures.slice(Fixtures.pngClaiming(800, 600), 0, 8 + 25),
            Fixtures.chunk("IDAT", ascii("this is not zlib data at all")),
            Fixtures.chunk("IEND", new byte[0]));

    assertThat(code(intake.intake(broken, DocumentKind.PASSPORT_PAGE, null, null)))
        .isEqualTo("document.undecodable");
  }

  @Test
  void refusesPngSignatureFollowedByNothingUseful() {
    byte[] broken = concat(Fixtures.slice(Fixtures.png(800, 600), 0, 8), ascii("GARBAGE!GARBAGE!"));

    assertThat(code(intake.intake(broken, DocumentKind.PASSPORT_PAGE, null, null)))
        .isEqualTo("document.undecodable");
  }

  @Test
  void hashesTheCleanBytesAndStoresUnderARandomName() throws Exception {
    byte[] upload = Fixtures.jpeg(800, 600);

    CleanDocument first =
        accepted(intake.intake(upload, DocumentKind.PASSPORT_PAGE, "a.jpg", null));
    CleanDocument second =
        accepted(intake.intake(upload, DocumentKind.PASSPORT_PAGE, "a.jpg", null));

    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.bytes()));
    assertThat(first.sha256()).isEqualTo(expected);
    assertThat(first.storageName()).isNotEqualTo(second.storageName());
    assertThat(first.storageName().version()).isEqualTo(4);
    assertThat(first.pages()).isEqualTo(1);
    assertThat(first.mediaType()).isEqualTo("image/jpeg");
    assertThat(first.toString()).doesNotContain("a.jpg");
  }

  @Test
  void decodesManyUploadsAtOnceWithinTheConcurrencyLimit() throws Exception {
    byte[] upload = Fixtures.jpeg(800, 600);
    List<Thread> threads = new ArrayList<>();
    Queue<IntakeResult> results = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 6; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () ->
                      results.add(intake.intake(upload, DocumentKind.PASSPORT_PAGE, null, null))));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(results).hasSize(6).allMatch(r -> r instanceof IntakeResult.Accepted);
  }

  private static boolean isRed(int rgb) {
    int red = rgb >> 16 & 0xFF;
    int blue = rgb & 0xFF;
    return red > 200 && blue < 60;
  }

  static CleanDocument accepted(IntakeResult result) {
    assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
    return ((IntakeResult.Accepted) result).document();
  }

  static String code(IntakeResult result) {
    assertThat(result).isInstanceOf(IntakeResult.Refused.class);
    return ((IntakeResult.Refused) result).code();
  }

  /** Runs {@code action} and stores the bytes this thread allocated meanwhile. */
  private static IntakeResult allocating(long[] allocated, Supplier<IntakeResult> action) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    IntakeResult result = action.get();
    allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
    return result;
  }
}
