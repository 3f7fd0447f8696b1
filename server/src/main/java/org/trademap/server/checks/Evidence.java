package org.trademap.server.checks;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a check-specific part shows on the case page: a Thymeleaf fragment of its own, rendered with
 * the model it gives. The case page inserts it as {@code ~{template :: fragment(model)}}: the
 * fragment takes one parameter, the model map, e.g. {@code <div th:fragment="mrz(evidence)">…
 * ${evidence.ocr} …</div>}. Its texts belong in the messages like every page's.
 *
 * @param template the template's name, e.g. {@code checks/document/evidence}
 * @param fragment the fragment's name in it, e.g. {@code mrz}
 * @param model what the fragment shows; values for the page only
 */
public record Evidence(String template, String fragment, Map<String, Object> model) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_/-]{1,100}");

  /** Validates the names (they become part of a template expression) and copies the model. */
  public Evidence {
    if (!NAME.matcher(template).matches() || !NAME.matcher(fragment).matches()) {
      throw new IllegalArgumentException(
          "template and fragment names are 1 to 100 characters of [A-Za-z0-9_/-]");
    }
    model = Map.copyOf(model);
  }
}
