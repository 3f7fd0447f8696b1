package org.trademap.server.kyc.documents;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentProperties;
import org.trademap.server.web.ProblemException;

/**
 * The page {@code /me/documents}: one upload form per kind the account needs, with the limits in
 * plain words, what is on file with download, replace and delete, and the reason next to the form
 * when an upload was refused. Plain forms with post/redirect/get; CSRF tokens come from {@code
 * th:action}.
 */
@Controller
class DocumentsPage {
  static final String PATH = "/me/documents";

  /**
   * One kind on the page.
   *
   * @param kind the kind's API name, also the form's {@code kind} value and the section's id
   * @param accept the {@code accept} attribute of the file input (a hint for the browser only)
   * @param document what is on file, if anything
   * @param uploaded when it was uploaded, in UTC, for people; empty if nothing is on file
   */
  record KindForm(String kind, String accept, @Nullable DocumentView document, String uploaded) {}

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final DocumentUploads uploads;
  private final DocumentDownloads downloads;
  private final StoredDocuments documents;
  private final MessageSource messages;

  DocumentsPage(
      DocumentUploads uploads,
      DocumentDownloads downloads,
      StoredDocuments documents,
      MessageSource messages) {
    this.uploads = uploads;
    this.downloads = downloads;
    this.documents = documents;
    this.messages = messages;
  }

  @GetMapping(PATH)
  String page(@AuthenticationPrincipal SignedIn user, Model model) {
    var subject = uploads.subjectOf(user);
    Map<DocumentKind, StoredDocument> onFile =
        documents.list(subject.id()).stream()
            .collect(Collectors.toMap(StoredDocument::kind, Function.identity()));
    List<KindForm> forms =
        DocumentKinds.allowedFor(user.kind()).stream()
            .map(
                kind -> {
                  StoredDocument document = onFile.get(kind);
                  return new KindForm(
                      DocumentKinds.apiName(kind),
                      kind.acceptedTypes().stream()
                          .map(type -> type.mediaType())
                          .sorted()
                          .collect(Collectors.joining(",")),
                      document == null ? null : DocumentView.of(document),
                      document == null ? "" : MINUTE.format(document.uploadedAt()));
                })
            .toList();
    Set<DocumentKind> kinds = onFile.keySet();
    DocumentProperties limits = uploads.intake().limits();
    model.addAttribute("forms", forms);
    model.addAttribute(
        "pdfAllowed", DocumentKinds.isAllowed(user.kind(), DocumentKind.REGISTER_EXTRACT));
    // A refusal that belongs to no form on the page (an unknown kind) is shown above them.
    Object refusedKind = model.getAttribute("refusalKind");
    model.addAttribute(
        "generalRefusal",
        model.getAttribute("refusal") != null
            && forms.stream().noneMatch(form -> form.kind().equals(refusedKind)));
    model.addAttribute("identityProven", DocumentKinds.provesIdentity(kinds));
    model.addAttribute(
        "extractMissing",
        DocumentKinds.allowedFor(user.kind()).contains(DocumentKind.REGISTER_EXTRACT)
            && !kinds.contains(DocumentKind.REGISTER_EXTRACT));
    model.addAttribute("maxMib", UploadLimits.mebibytes(limits.maxBytes()));
    model.addAttribute("maxMegapixels", limits.maxPixels() / 1_000_000);
    model.addAttribute("minShortSide", limits.minShortSide());
    model.addAttribute("maxPdfPages", limits.maxPdfPages());
    model.addAttribute("maxDocuments", limits.maxDocumentsPerUser());
    return "me/documents";
  }

  @PostMapping(PATH)
  String upload(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "kind", required = false) @Nullable String kind,
      @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
      Locale locale,
      RedirectAttributes flash) {
    // A browser sends an empty part when no file was chosen.
    MultipartFile chosen = file == null || (file.isEmpty() && isBlank(file)) ? null : file;
    switch (uploads.upload(user, kind, chosen)) {
      case UploadOutcome.Uploaded uploaded -> {
        flash.addFlashAttribute(
            "doneKind", DocumentKinds.apiName(uploaded.stored().document().kind()));
        flash.addFlashAttribute(
            "done", uploaded.stored().replaced() == null ? "uploaded" : "replaced");
      }
      case UploadOutcome.Refused refused -> {
        flash.addFlashAttribute("refusalKind", kind);
        flash.addFlashAttribute("refusalCode", refused.problem().code());
        flash.addFlashAttribute("refusal", sentence(refused.problem(), locale));
      }
    }
    return "redirect:" + PATH;
  }

  @GetMapping(PATH + "/{id}")
  ResponseEntity<byte[]> download(
      @AuthenticationPrincipal SignedIn user, @PathVariable("id") String id) {
    return downloads.download(user, id);
  }

  @PostMapping(PATH + "/{id}/delete")
  String delete(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable("id") String id,
      RedirectAttributes flash) {
    StoredDocument deleted = downloads.delete(user, id);
    flash.addFlashAttribute("doneKind", DocumentKinds.apiName(deleted.kind()));
    flash.addFlashAttribute("done", "deleted");
    return "redirect:" + PATH;
  }

  private String sentence(ProblemException problem, Locale locale) {
    return messages.getMessage(
        "problem." + problem.code() + ".detail", problem.detailArguments(), locale);
  }

  private static boolean isBlank(MultipartFile file) {
    String name = file.getOriginalFilename();
    return name == null || name.isBlank();
  }
}
