package org.trademap.server.checks.document;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.checks.CheckEvidence;
import org.trademap.server.checks.Evidence;
import org.trademap.server.checks.EvidenceRequest;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.UnreadableFileException;
import org.trademap.server.onboarding.PersonalData;

/**
 * The ID document judgment on the case page, side by side: the document image (served to staff by
 * {@link DocumentCasePages}), what OCR read, the corrected and parsed zone with its check digits,
 * the comparison with what the user entered, and what the judgment found. Rebuilt from the kept
 * reading ({@link StoredReading}) without running OCR again; read-only.
 */
@Component
class DocumentEvidence implements CheckEvidence {
  /**
   * One parsed element of the zone.
   *
   * @param labelKey its display name's key
   * @param value as the zone gives it
   */
  record ZoneField(String labelKey, String value) {}

  /**
   * One element compared.
   *
   * @param labelKey its display name's key
   * @param onDocument as the zone gives it
   * @param entered as the user entered it
   * @param match whether it matches (or nothing was entered)
   * @param basisKey how it came out, as a message key
   */
  record Compared(
      String labelKey, String onDocument, String entered, boolean match, String basisKey) {}

  private final Subjects subjects;
  private final KycFiles files;
  private final JudgmentStore store;
  private final MessageSource messages;
  private final Clock clock;

  DocumentEvidence(
      Subjects subjects,
      KycFiles files,
      DocumentCase documents,
      MessageSource messages,
      ObjectProvider<Clock> clock) {
    this.subjects = subjects;
    this.files = files;
    this.store = documents.store();
    this.messages = messages;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Override
  public CheckProcess process() {
    return CheckProcess.ID_DOCUMENT;
  }

  @Override
  public Optional<Evidence> evidence(EvidenceRequest request) {
    Optional<Subject> found = subjects.byRef(request.ref());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Subject subject = found.get();
    Map<String, Object> model = new HashMap<>();
    model.put("ref", subject.ref().value());
    Optional<StoredReading> stored = store.find(subject);
    if (stored.isEmpty()) {
      model.put("state", "pending");
      return Optional.of(evidence(model));
    }
    StoredReading reading = stored.get();
    model.put("judgedOn", reading.judgedOn());
    model.put("ocrMillis", reading.ocrMillis());
    Optional<JudgmentOutcome.Reason> none = reading.noDocumentReason();
    if (none.isPresent()) {
      model.put("state", "no-document");
      model.put("noDocumentKey", none.get().messageKey());
      return Optional.of(evidence(model));
    }
    reading.document().ifPresent(d -> model.put("documentId", d.toString()));
    model.put("kindKey", kindKey(reading.kind()));
    PersonalData person = person(subject);
    if (person == null) {
      model.put("state", "unreadable-file");
      return Optional.of(evidence(model));
    }
    DocumentJudgment judgment =
        reading.judgment(EnteredIdentity.of(person), LocalDate.now(clock)).orElseThrow();
    model.put("state", "judged");
    model.putAll(judged(judgment));
    return Optional.of(evidence(model));
  }

  private static Evidence evidence(Map<String, Object> model) {
    return new Evidence("checks/document/evidence", "judgment", model);
  }

  private @Nullable PersonalData person(Subject subject) {
    try {
      return files.profile(subject.accountId(), subject.kind()).person();
    } catch (UnreadableFileException e) {
      return null;
    }
  }

  private static String kindKey(@Nullable String kind) {
    return kind == null
        ? "checks.document.kind.unknown"
        : "documents.kind." + kind.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The model of a judgment: reading, zone, check digits, comparison, findings. */
  private Map<String, Object> judged(DocumentJudgment judgment) {
    Map<String, Object> model = new HashMap<>();
    Locale locale = LocaleContextHolder.getLocale();
    switch (judgment.reading()) {
      case MrzReading.Found f -> {
        model.put("ocrLines", f.rawLines());
        model.put("confidence", f.confidence());
      }
      case MrzReading.Typed t -> model.put("ocrLines", t.corrected().rawLines());
      case MrzReading.NotFound n -> model.put("textSeen", n.textSeen());
      case MrzReading.Unavailable u -> model.put("causeKey", u.cause().messageKey());
    }
    judgment.corrected().ifPresent(c -> model.put("zoneLines", c.lines()));
    model.put(
        "corrections",
        judgment.corrections().stream()
            .map(
                c ->
                    messages.getMessage(
                        "checks.document.evidence.correction",
                        new Object[] {
                          c.line(),
                          c.position(),
                          c.from(),
                          c.to(),
                          messages.getMessage(c.reasonMessageKey(), null, locale)
                        },
                        locale))
            .toList());
    judgment
        .outcome()
        .ifPresent(
            outcome -> {
              switch (outcome) {
                case MrzOutcome.Parsed p -> {
                  model.put("checkDigitsHold", true);
                  model.put("zoneFields", fields(p.data()));
                }
                case MrzOutcome.Rejected r -> {
                  model.put("checkDigitsHold", false);
                  model.put(
                      "defects",
                      r.defects().stream()
                          .map(
                              d ->
                                  messages.getMessage(d.messageKey(), d.messageArguments(), locale))
                          .toList());
                }
              }
            });
    if (judgment.comparison() != null) {
      List<Compared> compared = new ArrayList<>();
      for (FieldComparison field : judgment.comparison().fields()) {
        compared.add(
            new Compared(
                field.field().messageKey(),
                field.onDocument(),
                field.entered(),
                field.acceptable(),
                "checks.document.basis."
                    + field.basis().name().toLowerCase(Locale.ROOT).replace('_', '-')));
      }
      model.put("comparison", compared);
    }
    if (judgment.expired() != null) {
      model.put("expired", judgment.expired());
    }
    model.put(
        "findings",
        judgment.proposal() instanceof Proposal.Failed failed
            ? failed.reasons().stream().map(Proposal.Reason::messageKey).toList()
            : List.of());
    model.put("manualCheck", DocumentCase.manualCheck(judgment));
    return model;
  }

  private static List<ZoneField> fields(MrzData data) {
    return List.of(
        new ZoneField("checks.document.field.document-code", data.documentCode()),
        new ZoneField("checks.document.field.issuing-state", data.issuingState()),
        new ZoneField(
            "checks.document.field.name",
            data.primaryIdentifier() + " / " + data.secondaryIdentifier()),
        new ZoneField("checks.document.field.document-number", data.documentNumber()),
        new ZoneField("checks.document.field.nationality", data.nationality()),
        new ZoneField("checks.document.field.birth-date", data.birthDate().toString()),
        new ZoneField("checks.document.field.sex", data.sex().name()),
        new ZoneField("checks.document.field.expiry-date", data.expiryDate().toString()),
        new ZoneField("checks.document.field.optional-data", data.optionalData()));
  }
}
