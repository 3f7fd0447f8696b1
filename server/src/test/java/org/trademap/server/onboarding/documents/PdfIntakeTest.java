package org.trademap.server.onboarding.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.onboarding.documents.Fixtures.ascii;
import static org.trademap.server.onboarding.documents.Fixtures.concat;
import static org.trademap.server.onboarding.documents.ImageIntakeTest.accepted;
import static org.trademap.server.onboarding.documents.ImageIntakeTest.code;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.action.PDPageAdditionalActions;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** PDFs are accepted for register extracts only, kept byte for byte, and refused when active. */
class PdfIntakeTest {
  private final DocumentIntake intake = new DocumentIntake(DocumentProperties.defaults());

  @Test
  void acceptsPlainRegisterExtractByteForByte() {
    byte[] upload = Fixtures.pdf(3);

    CleanDocument document =
        accepted(
            intake.intake(
                upload,
                DocumentKind.REGISTER_EXTRACT,
                "Handelsregisterauszug.pdf",
                "application/pdf"));

    assertThat(document.bytes()).isEqualTo(upload);
    assertThat(document.type()).isEqualTo(DocumentType.PDF);
    assertThat(document.pages()).isEqualTo(3);
    assertThat(document.pixels()).isNull();
    assertThat(document.displayName()).isEqualTo("Handelsregisterauszug.pdf");
    assertThat(document.notices()).isEmpty();
    assertThat(document.mediaType()).isEqualTo("application/pdf");
  }

  @Test
  void refusesPdfAsPassportPage() {
    IntakeResult result = intake.intake(Fixtures.pdf(1), DocumentKind.PASSPORT_PAGE, "p.pdf", null);

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.TYPE_MISMATCH,
                "A PDF file is not accepted here. Upload JPEG, PNG instead.",
                List.of("PDF", "JPEG, PNG")));
  }

  @Test
  void refusesPdfWithJavaScriptOpenAction() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d ->
                d.getDocumentCatalog()
                    .setOpenAction(new PDActionJavaScript("app.alert('TradeMap');")));

    IntakeResult result = intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(code(result)).isEqualTo("document.polyglot");
    // The walk may meet the catalog's /OpenAction or the action's /JS first.
    assertThat(((IntakeResult.Refused) result).arguments()).containsAnyOf("JS", "OpenAction");
  }

  @Test
  void refusesPdfWithDocumentLevelJavaScript() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d -> {
              PDJavascriptNameTreeNode scripts = new PDJavascriptNameTreeNode();
              scripts.setNames(Map.of("init", new PDActionJavaScript("this.print();")));
              PDDocumentNameDictionary names = new PDDocumentNameDictionary(d.getDocumentCatalog());
              names.setJavascript(scripts);
              d.getDocumentCatalog().setNames(names);
            });

    assertThat(code(intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null)))
        .isEqualTo("document.polyglot");
  }

  @Test
  void refusesPdfWithEmbeddedFile() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d -> {
              PDEmbeddedFile file =
                  new PDEmbeddedFile(d, new ByteArrayInputStream(ascii("MZ payload")));
              PDComplexFileSpecification spec = new PDComplexFileSpecification();
              spec.setFile("invoice.exe");
              spec.setEmbeddedFile(file);
              PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
              files.setNames(Map.of("invoice.exe", spec));
              PDDocumentNameDictionary names = new PDDocumentNameDictionary(d.getDocumentCatalog());
              names.setEmbeddedFiles(files);
              d.getDocumentCatalog().setNames(names);
            });

    assertThat(code(intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null)))
        .isEqualTo("document.polyglot");
  }

  @Test
  void refusesPdfWithFileAttachmentAnnotation() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d -> {
              PDAnnotationFileAttachment attachment = new PDAnnotationFileAttachment();
              d.getPage(0).getAnnotations().add(attachment);
            });

    IntakeResult result = intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(code(result)).isEqualTo("document.polyglot");
    assertThat(((IntakeResult.Refused) result).arguments()).containsExactly("FileAttachment");
  }

  @Test
  void refusesPdfWithLaunchAction() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d -> {
              PDAnnotationLink link = new PDAnnotationLink();
              PDActionLaunch launch = new PDActionLaunch();
              launch.setFile(new PDComplexFileSpecification());
              link.setAction(launch);
              d.getPage(0).getAnnotations().add(link);
            });

    IntakeResult result = intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(code(result)).isEqualTo("document.polyglot");
    assertThat(((IntakeResult.Refused) result).arguments()).containsExactly("Launch");
  }

  @Test
  void refusesPdfWithPageOpenAction() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d -> {
              PDPageAdditionalActions actions = d.getPage(0).getActions();
              PDActionURI uri = new PDActionURI();
              uri.setURI("https://example.invalid/track");
              actions.setO(uri);
            });

    IntakeResult result = intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(code(result)).isEqualTo("document.polyglot");
    assertThat(((IntakeResult.Refused) result).arguments()).containsExactly("AA");
  }

  @Test
  void acceptsPdfThatOpensAtItsFirstPageAndHasAPlainLink() {
    byte[] upload =
        Fixtures.pdf(
            2,
            d -> {
              PDPageFitDestination first = new PDPageFitDestination();
              first.setPage(d.getPage(0));
              PDActionGoTo goTo = new PDActionGoTo();
              goTo.setDestination(first);
              d.getDocumentCatalog().setOpenAction(goTo);
              PDAnnotationLink link = new PDAnnotationLink();
              PDActionURI uri = new PDActionURI();
              uri.setURI("https://www.zefix.ch/");
              link.setAction(uri);
              d.getPage(1).getAnnotations().add(link);
            });

    assertThat(intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null))
        .isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void acceptsPdfWhoseOpenActionIsADestination() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d -> {
              PDPageFitDestination first = new PDPageFitDestination();
              first.setPage(d.getPage(0));
              d.getDocumentCatalog().setOpenAction(first);
            });

    assertThat(intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null))
        .isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void refusesPdfWhoseOpenActionOpensAWebPage() {
    byte[] upload =
        Fixtures.pdf(
            1,
            d -> {
              PDActionURI uri = new PDActionURI();
              uri.setURI("https://example.invalid/");
              d.getDocumentCatalog().setOpenAction(uri);
            });

    IntakeResult result = intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(code(result)).isEqualTo("document.polyglot");
    assertThat(((IntakeResult.Refused) result).arguments()).containsExactly("OpenAction");
  }

  @Test
  void refusesEncryptedPdfThatOpensWithoutPassword() {
    byte[] upload = Fixtures.pdf(1, d -> d.protect(protection("")));

    IntakeResult result = intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.ENCRYPTED,
                "The PDF is encrypted. Upload it without password or protection.",
                List.of()));
  }

  @Test
  void refusesPasswordProtectedPdf() {
    byte[] upload = Fixtures.pdf(1, d -> d.protect(protection("secret")));

    assertThat(code(intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null)))
        .isEqualTo("document.encrypted");
  }

  @Test
  void refusesPdfWithMorePagesThanConfigured() {
    IntakeResult result =
        intake.intake(Fixtures.pdf(51), DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(result)
        .isEqualTo(
            new IntakeResult.Refused(
                Refusal.TOO_MANY_PAGES,
                "The PDF has 51 pages; at most 50 are accepted.",
                List.of(51, 50)));
  }

  @Test
  void pageLimitIsConfigurable() {
    DocumentIntake strict =
        new DocumentIntake(
            new DocumentProperties(DataSize.ofMegabytes(10), 40_000_000, 12_000, 600, 2, 20, 1));

    assertThat(code(strict.intake(Fixtures.pdf(3), DocumentKind.REGISTER_EXTRACT, null, null)))
        .isEqualTo("document.too-many-pages");
  }

  @Test
  void refusesPdfWithZipAppendedAfterItsEnd() {
    byte[] upload = concat(Fixtures.pdf(1), Fixtures.zip());

    IntakeResult result = intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null);

    assertThat(code(result)).isEqualTo("document.polyglot");
    assertThat(((IntakeResult.Refused) result).arguments()).containsExactly("ZIP");
  }

  @Test
  void acceptsPdfEndingInWhiteSpace() {
    byte[] upload = concat(Fixtures.pdf(1), ascii("\r\n\n  "));

    assertThat(intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null))
        .isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void refusesTruncatedPdfAsUndecodable() {
    byte[] whole = Fixtures.pdf(1);
    byte[] truncated = Fixtures.slice(whole, 0, whole.length - 40);

    assertThat(code(intake.intake(truncated, DocumentKind.REGISTER_EXTRACT, null, null)))
        .isEqualTo("document.undecodable");
  }

  @Test
  void refusesPdfHeaderWithoutAPdfBehindIt() {
    byte[] upload = ascii("%PDF-1.7\nthis is only text pretending to be a PDF\n%%EOF\n");

    assertThat(code(intake.intake(upload, DocumentKind.REGISTER_EXTRACT, null, null)))
        .isEqualTo("document.undecodable");
  }

  @Test
  void acceptsScannedRegisterExtractAsImage() {
    CleanDocument document =
        accepted(
            intake.intake(
                Fixtures.jpeg(800, 1100), DocumentKind.REGISTER_EXTRACT, "scan.jpeg", null));

    assertThat(document.type()).isEqualTo(DocumentType.JPEG);
    assertThat(document.displayName()).isEqualTo("scan.jpg");
  }

  private static StandardProtectionPolicy protection(String userPassword) {
    StandardProtectionPolicy policy =
        new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
    policy.setEncryptionKeyLength(128);
    return policy;
  }
}
