package org.trademap.server.kyc;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a person can consent to, each recorded separately with the version of the text they were
 * shown. The texts are the messages {@code consent.<api name>.<version>} in every language; a
 * changed text gets a new version, the old ones stay so that every recorded consent can still be
 * read. Only the current (last) version can be given.
 */
public enum ConsentKind {
  /** The terms of use. */
  TERMS(true, false, List.of("v1")),
  /** The processing of personal data for the KYC check (FADP / GDPR). */
  DATA_PROCESSING(true, false, List.of("v1")),
  /** Identification by video call (FINMA Circular 2016/7). */
  VIDEO_IDENTIFICATION(true, false, List.of("v1")),
  /** The recording of the call's audio, asked for separately (FINMA Circular 2016/7). */
  AUDIO_RECORDING(true, false, List.of("v1")),
  /** Sharing the KYC result with one recipient, named by the scope (later issues). */
  SHARING(false, true, List.of("v1"));

  private final boolean required;
  private final boolean scoped;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
  private final List<String> versions;

  ConsentKind(boolean required, boolean scoped, List<String> versions) {
    this.required = required;
    this.scoped = scoped;
    this.versions = versions;
  }

  /** The name in the API and in the message keys, e.g. {@code audio-recording}. */
  public String apiName() {
    return Progress.apiName(this);
  }

  /** Whether a file can be submitted only with this consent given and not withdrawn. */
  public boolean required() {
    return required;
  }

  /** Whether each consent of this kind names what it covers (a scope); the others have none. */
  public boolean scoped() {
    return scoped;
  }

  /** Every version of the text, oldest first. */
  public List<String> versions() {
    return versions;
  }

  /** The version of the text shown now; the only one that can be given. */
  public String currentVersion() {
    return versions.getLast();
  }

  /** The message key of the text of {@code version}. */
  public String messageKey(String version) {
    return "consent." + apiName() + "." + version;
  }

  /** The kind with this API name (exactly); empty for anything else. */
  public static Optional<ConsentKind> ofApiName(@Nullable String name) {
    for (ConsentKind kind : values()) {
      if (kind.apiName().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
