package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page {@code /admin/staff}: the staff accounts with their state, and the form
 * that invites a new one (post/redirect/get; a refused address or role shows the form again, 422).
 */
@Controller
class StaffAdminPage {
  static final String PATH = "/admin/staff";
  private static final String VIEW = "admin/staff";
  private static final DateTimeFormatter UTC_MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * One row of the list.
   *
   * @param email the address
   * @param role the role's API name
   * @param enrolled whether the invitation was accepted
   * @param since when it was invited, in UTC
   */
  record Row(String email, String role, boolean enrolled, String since) {}

  private final StaffAccounts staff;
  private final FormMessages messages;

  StaffAdminPage(StaffAccounts staff, FormMessages messages) {
    this.staff = staff;
    this.messages = messages;
  }

  @GetMapping(PATH)
  String page(Model model) {
    model.addAttribute(
        "staff",
        staff.staff().stream()
            .map(
                m ->
                    new Row(
                        m.email(),
                        StaffAccounts.apiName(m.role()),
                        m.enrolled(),
                        UTC_MINUTES.format(m.createdAt())))
            .toList());
    model.addAttribute("roles", StaffAccounts.ROLES.stream().map(StaffAccounts::apiName).toList());
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    if (!model.containsAttribute("role")) {
      model.addAttribute("role", "kyc-operator");
    }
    return VIEW;
  }

  @PostMapping(PATH)
  String invite(
      @AuthenticationPrincipal SignedIn admin,
      @RequestParam(name = "email", required = false) @Nullable String email,
      @RequestParam(name = "role", required = false) @Nullable String role,
      Locale locale,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return switch (staff.invite(admin.accountId(), email, role, locale)) {
      case StaffAccounts.Invited invited -> {
        redirect.addFlashAttribute("notice", "staff.admin.invitation-sent");
        yield "redirect:" + PATH;
      }
      case StaffAccounts.InvitationInvalid invalid -> {
        messages.refuse(invalid.errors(), locale, model, response);
        yield again(model, email, role);
      }
      case StaffAccounts.AddressTaken taken -> {
        response.setStatus(409);
        model.addAttribute("problem", "staff.admin.address-taken");
        yield again(model, email, role);
      }
    };
  }

  private String again(Model model, @Nullable String email, @Nullable String role) {
    model.addAttribute("email", email == null ? "" : email);
    model.addAttribute("role", role == null ? "" : role);
    return page(model);
  }
}
