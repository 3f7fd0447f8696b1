package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/**
 * The one-paragraph pages that end a form (post/redirect/get): a title and a sentence from the
 * messages {@code <name>.title} and {@code <name>.text}, with a link to sign in; and the answer to
 * a refused emailed link.
 */
final class Notices {
  static final String VIEW = "accounts/notice";

  private Notices() {}

  /**
   * Shows {@code view} with the reason an emailed link was refused (model attribute {@code
   * problem}: its problem code), answered 400.
   */
  static String refusedLink(
      VerificationResult.Reason reason, Model model, HttpServletResponse response, String view) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("problem", reason.code());
    return view;
  }

  /** Shows the notice {@code name}. */
  static String show(Model model, String name) {
    model.addAttribute("noticeTitle", name + ".title");
    model.addAttribute("noticeText", name + ".text");
    return VIEW;
  }
}
