package org.trademap.server.kyc;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.web.ProblemException;

/** The problem documents of the KYC API that more than one controller answers. */
final class KycProblems {
  private KycProblems() {}

  /** Runs {@code work}, answering an unreadable file with its problem. */
  static <T> T readable(Supplier<T> work) {
    try {
      return work.get();
    } catch (UnreadableFileException e) {
      throw switch (e.reason()) {
        case TAMPERED -> ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, "kyc.data-tampered");
        case ERASED -> ProblemException.of(HttpStatus.GONE, "kyc.data-erased");
      };
    }
  }

  /** {@code 422 profile.invalid} with the refused fields. */
  static ProblemException invalid(List<FieldError> errors) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "profile.invalid")
        .with(
            "errors",
            errors.stream()
                .map(
                    e ->
                        Map.<String, Object>of(
                            "field", e.field(), "code", e.key(), "arguments", e.arguments()))
                .toList());
  }
}
