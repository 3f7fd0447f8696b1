package org.trademap.server.onboarding.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.server.onboarding.documents.Fixtures.ascii;
import static org.trademap.server.onboarding.documents.Fixtures.concat;
import static org.trademap.server.onboarding.documents.ImageIntakeTest.accepted;
import static org.trademap.server.onboarding.documents.ImageIntakeTest.code;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What every upload goes through: size, type by magic bytes, claims, names and quota. */
class UploadIntakeTest {
  private static final DataSize SMALL_LIMIT = DataSize.ofKilobytes(64);

  private final DocumentIntake intake = new DocumentIntake(DocumentProperties.defaults());
  private final DocumentIntake small =
      new DocumentIntake(new DocumentProperties(SMALL_LIMIT, 40_000_000, 12_000, 600, 50, 20, 1));

  @Test
  void refusesEmptyUpload() {
    assertThat(intake.intake(new byte[0], DocumentKind.PASSPORT_PAGE, "p.jpg", "image/jpeg"))
        .isEqualTo(new IntakeResult.Refused(Refusal.EMPTY, "The file is empty.", List.of()));
  }

  @Test
  void refusesUploadOverTheLimit() {
    byte[] upload = concat(Fixtures.jpeg(800, 600), new byte[(int) SMALL_LIMIT.toBytes()]);

    IntakeResult result = small.intake(upload, DocumentKind.PASSPORT_PAGE, null, null);

    assertThat(code(result)).isEqualTo("document.too-large");
    assertThat(((IntakeResult.Refused) result).sentence())
        .isEqualTo("The file is larger than 0.1 MiB.");
  }

  @Test
  void defaultLimitIsTenMebibytes() {
    IntakeResult result =
        intake.intake(new byte[10 * 1024 * 1024 + 1], DocumentKind.PASSPORT_PAGE, null, null);

    assertThat(((IntakeResult.Refused) result).sentence())
        .isEqualTo("The file is larger than 10 MiB.");
  }

  @Test
  void readsAtMostOneByteMoreThanTheLimitFromAStream() {
    EndlessStream endless = new EndlessStream();

    IntakeResult result = small.intake(endless, DocumentKind.PASSPORT_PAGE, "p.jpg", null);

    assertThat(code(result)).isEqualTo("document.too-large");
    assertThat(endless.read).isEqualTo(SMALL_LIMIT.toBytes() + 1);
  }

  @Test
  void takesAnUploadFromAStream() {
    byte[] upload = Fixtures.jpeg(800, 600);

    CleanDocument document =
        accepted(
            intake.intake(
                new ByteArrayInputStream(upload), DocumentKind.PASSPORT_PAGE, "p.jpg", null));

    assertThat(document.pixels()).isEqualTo(new PixelSize(800, 600));
  }

  @Test
  void reportsAFailingStreamAsInfrastructureFault() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            throw new IOException("connection reset");
          }
        };

    assertThatThrownBy(() -> intake.intake(failing, DocumentKind.PASSPORT_PAGE, null, null))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void refusesAnnouncedLengthOverTheLimitBeforeReading() {
    assertThat(small.checkAnnouncedSize(SMALL_LIMIT.toBytes() + 1))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("document.too-large"));
    assertThat(small.checkAnnouncedSize(SMALL_LIMIT.toBytes())).isEmpty();
    assertThat(small.checkAnnouncedSize(-1)).isEmpty();
  }

  @Test
  void refusesTextFileNamedLikeAPhotoAsUnknownType() {
    byte[] text = ascii("Dear compliance team, here is my passport.\n");

    IntakeResult result =
        intake.intake(text, DocumentKind.PASSPORT_PAGE, "photo.jpg", "image/jpeg");

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.UNKNOWN_TYPE,
                "Only JPEG and PNG images and PDF documents are accepted.",
                List.of()));
  }

  @Test
  void refusesHtmlNamedLikeAPngAsDisguised() {
    byte[] page = ascii("  <!DOCTYPE html><html><script>alert(document.cookie)</script></html>");

    IntakeResult result = intake.intake(page, DocumentKind.PASSPORT_PAGE, "photo.png", "text/html");

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.DISGUISED,
                "The file claims to be PNG but its content is HTML.",
                List.of("PNG", "HTML")));
  }

  @Test
  void refusesExecutableDeclaredAsJpegAsDisguised() {
    byte[] exe = concat(ascii("MZ"), new byte[200]);

    IntakeResult result = intake.intake(exe, DocumentKind.PASSPORT_PAGE, "x", "image/jpeg");

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.DISGUISED,
                "The file claims to be JPEG but its content is Windows executable.",
                List.of("JPEG", "Windows executable")));
  }

  @Test
  void refusesSvgNamedLikeAPngAsDisguised() {
    byte[] svg = ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");

    IntakeResult result = intake.intake(svg, DocumentKind.PASSPORT_PAGE, "photo.PNG", null);

    assertThat(((IntakeResult.Refused) result).arguments()).containsExactly("PNG", "SVG");
  }

  @Test
  void refusesGifHonestlyNamedAsUnknownType() {
    byte[] gif = concat(ascii("GIF89a"), new byte[100]);

    assertThat(code(intake.intake(gif, DocumentKind.PASSPORT_PAGE, "photo.gif", "image/gif")))
        .isEqualTo("document.unknown-type");
  }

  @Test
  void refusesHeicNamedJpegAsDisguised() {
    byte[] heic = concat(new byte[] {0, 0, 0, 24}, ascii("ftypheic"), new byte[100]);

    assertThat(code(intake.intake(heic, DocumentKind.PASSPORT_PAGE, "IMG_0001.jpg", null)))
        .isEqualTo("document.disguised");
  }

  @Test
  void acceptsPngNamedPdfByItsMagicBytesWithASanitizedName() {
    byte[] png = Fixtures.png(800, 600);

    CleanDocument document =
        accepted(intake.intake(png, DocumentKind.PASSPORT_PAGE, "scan.pdf", "application/pdf"));

    assertThat(document.type()).isEqualTo(DocumentType.PNG);
    assertThat(document.displayName()).isEqualTo("scan.png");
    assertThat(document.notices())
        .contains(IntakeNotice.DECLARED_TYPE_DIFFERS, IntakeNotice.DISPLAY_NAME_SANITIZED);
  }

  @Test
  void sanitizesTrickyFileNamesIntoDisplayNames() {
    byte[] png = Fixtures.png(800, 600);

    assertThat(displayName(png, "../../etc/passwd")).isEqualTo("passwd.png");
    assertThat(displayName(png, "a\u202Egnp.exe")).isEqualTo("agnp.png");
    assertThat(displayName(png, "scan\u0000.php.png")).isEqualTo("scan.php.png");
    assertThat(displayName(png, "x".repeat(300) + ".png")).isEqualTo("x".repeat(100) + ".png");
    assertThat(displayName(png, null)).isEqualTo("passport-page.png");
  }

  @Test
  void keepsAPlainNameAsItIs() {
    CleanDocument document =
        accepted(
            intake.intake(
                Fixtures.png(800, 600), DocumentKind.ID_CARD_FRONT, "Ausweis vorne.png", null));

    assertThat(document.displayName()).isEqualTo("Ausweis vorne.png");
    assertThat(document.notices()).doesNotContain(IntakeNotice.DISPLAY_NAME_SANITIZED);
  }

  @Test
  void neverStoresUnderTheUploadedName() {
    CleanDocument document =
        accepted(
            intake.intake(
                Fixtures.png(800, 600), DocumentKind.ID_CARD_FRONT, "../../etc/cron.d/x", null));

    assertThat(document.storageName().toString()).matches("[0-9a-f-]{36}");
  }

  @Test
  void checksThePerUserQuota() {
    assertThat(intake.checkQuota(19)).isEmpty();
    assertThat(intake.checkQuota(20))
        .contains(
            new IntakeResult.Refused(
                Refusal.QUOTA_EXCEEDED,
                "You already uploaded 20 documents, the most this server keeps per person. Delete"
                    + " one first.",
                List.of(20)));
  }

  private String displayName(byte[] upload, @Nullable String fileName) {
    return accepted(intake.intake(upload, DocumentKind.PASSPORT_PAGE, fileName, null))
        .displayName();
  }

  /** An upload that never ends, counting what was read from it. */
  private static final class EndlessStream extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 'A';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) 'A');
      read += length;
      return length;
    }
  }
}
