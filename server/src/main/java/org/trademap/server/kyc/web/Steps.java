package org.trademap.server.kyc.web;

import org.jspecify.annotations.Nullable;
import org.trademap.server.kyc.Progress;
import org.trademap.server.kyc.Requirement;

/** Where each onboarding step and each missing requirement is completed, as links of the pages. */
final class Steps {
  static final String ME = "/me";
  static final String PROFILE = "/me/profile";
  static final String OWNERS = "/me/owners";
  static final String DOCUMENTS = "/me/documents";
  static final String CONSENTS = "/me/consents";
  static final String SUBMIT = "/me/submit";
  static final String SECURITY = "/me/security";

  /** The back office's page for the account: its checks, the decision and the KYC key. */
  static final String REVIEW = "/me/checks";

  private Steps() {}

  /**
   * The page that completes or shows the step, or null for steps with no page of their own (email,
   * video identification).
   */
  static @Nullable String link(Progress.StepKind step) {
    return switch (step) {
      case ACCOUNT -> SECURITY;
      case EMAIL, VIDEO_IDENTIFICATION -> null;
      case CHECKS, APPROVAL -> REVIEW;
      case PERSONAL_DATA -> PROFILE;
      case BENEFICIAL_OWNERS -> OWNERS;
      case DOCUMENTS -> DOCUMENTS;
      case CONSENTS -> CONSENTS;
    };
  }

  /** The page where the missing requirement is supplied. */
  static String link(Requirement requirement) {
    return switch (requirement) {
      case PROFILE_PERSON, PROFILE_ENTITY -> PROFILE;
      case PROFILE_BENEFICIAL_OWNERS -> OWNERS;
      case CONSENT_TERMS,
          CONSENT_DATA_PROCESSING,
          CONSENT_VIDEO_IDENTIFICATION,
          CONSENT_AUDIO_RECORDING ->
          CONSENTS;
      case DOCUMENTS_IDENTITY, DOCUMENTS_REGISTER_EXTRACT -> DOCUMENTS;
    };
  }
}
