package org.trademap.server.kyc;

/** What a file needs before it can be submitted; each has a stable code the API lists. */
public enum Requirement {
  /** The person's own data, or the data of the person acting for a legal entity. */
  PROFILE_PERSON("profile.person"),
  /** The legal entity's data. */
  PROFILE_ENTITY("profile.entity"),
  /** The legal entity's beneficial-owner declaration. */
  PROFILE_BENEFICIAL_OWNERS("profile.beneficial-owners"),
  /** Consent to the terms of use. */
  CONSENT_TERMS("consent.terms"),
  /** Consent to the processing of personal data. */
  CONSENT_DATA_PROCESSING("consent.data-processing"),
  /** Consent to identification by video. */
  CONSENT_VIDEO_IDENTIFICATION("consent.video-identification"),
  /** Consent to the audio recording of the video identification. */
  CONSENT_AUDIO_RECORDING("consent.audio-recording"),
  /** An identity document: a passport page, or both sides of an identity card. */
  DOCUMENTS_IDENTITY("documents.identity"),
  /** A legal entity's commercial-register extract. */
  DOCUMENTS_REGISTER_EXTRACT("documents.register-extract");

  private final String code;

  Requirement(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code consent.audio-recording}. */
  public String code() {
    return code;
  }

  /** The requirement of a required consent kind. */
  static Requirement of(ConsentKind kind) {
    return switch (kind) {
      case TERMS -> CONSENT_TERMS;
      case DATA_PROCESSING -> CONSENT_DATA_PROCESSING;
      case VIDEO_IDENTIFICATION -> CONSENT_VIDEO_IDENTIFICATION;
      case AUDIO_RECORDING -> CONSENT_AUDIO_RECORDING;
      case SHARING -> throw new IllegalArgumentException("sharing consents are not required");
    };
  }
}
