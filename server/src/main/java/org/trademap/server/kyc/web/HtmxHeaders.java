package org.trademap.server.kyc.web;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives htmx requests from the onboarding pages their CSRF token: the layout puts the model
 * attribute {@code htmxHeaders} into {@code hx-headers} on {@code <body>}, so every request htmx
 * sends carries the token in the header Spring Security reads. Plain form posts carry it as the
 * hidden field {@code th:action} adds. Only these pages get it, so public pages do not create a
 * session just to hold a token.
 */
@ControllerAdvice(basePackageClasses = HtmxHeaders.class)
class HtmxHeaders {
  /** What header names and tokens look like; anything else would need JSON escaping. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_=.-]+");

  @ModelAttribute("htmxHeaders")
  @Nullable String htmxHeaders(@Nullable CsrfToken token) {
    if (token == null
        || !SAFE.matcher(token.getHeaderName()).matches()
        || !SAFE.matcher(token.getToken()).matches()) {
      return null;
    }
    return "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
  }
}
