package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Where each request's {@link SignedIn} comes from. Neither repository stores a security context:
 * each request looks its session up in the database ({@link Sessions#find}), so a logout, a
 * password reset or a disabled account takes effect on the next request.
 */
final class SessionContexts {
  /** The HTTP session attribute that holds a browser's raw session token. */
  static final String BROWSER_TOKEN = "trademap.session-token";

  private SessionContexts() {}

  /** The browser's session: the token kept in its HTTP session, behind the session cookie. */
  static SecurityContextRepository browser(Sessions sessions) {
    return new Repository(
        request -> {
          HttpSession session = request.getSession(false);
          if (session == null || !(session.getAttribute(BROWSER_TOKEN) instanceof String token)) {
            return Optional.empty();
          }
          Optional<SessionRepository.Live> live =
              sessions.find(token).filter(s -> s.channel() == SessionRepository.Channel.BROWSER);
          if (live.isEmpty()) {
            // Ended elsewhere (password reset) or expired: the cookie is worth nothing any more.
            session.invalidate();
          }
          return live;
        });
  }

  /** An API client's {@code Authorization: Bearer <token>}; cookies are ignored. */
  static SecurityContextRepository bearer(Sessions sessions) {
    return new Repository(
        request ->
            sessions
                .find(bearerToken(request))
                .filter(s -> s.channel() == SessionRepository.Channel.BEARER));
  }

  /** The token of an {@code Authorization: Bearer} header, or {@code null}. */
  static @Nullable String bearerToken(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() < 7) {
      return null;
    }
    String scheme = header.substring(0, 7);
    return scheme.toLowerCase(Locale.ROOT).equals("bearer ") ? header.substring(7).strip() : null;
  }

  /**
   * The authentication of a live session: its {@link SignedIn}, its role, and itself as details.
   */
  static UsernamePasswordAuthenticationToken authentication(SessionRepository.Live live) {
    UsernamePasswordAuthenticationToken authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            live.user(), null, List.of(new SimpleGrantedAuthority(live.user().role().authority())));
    authentication.setDetails(live);
    return authentication;
  }

  private interface Lookup {
    Optional<SessionRepository.Live> live(HttpServletRequest request);
  }

  private static final class Repository implements SecurityContextRepository {
    private final Lookup lookup;

    Repository(Lookup lookup) {
      this.lookup = lookup;
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
      return load(holder.getRequest());
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
      Supplier<SecurityContext> context = SingletonSupplier.of(() -> load(request));
      return new DeferredSecurityContext() {
        @Override
        public SecurityContext get() {
          return context.get();
        }

        @Override
        public boolean isGenerated() {
          return context.get().getAuthentication() == null;
        }
      };
    }

    private SecurityContext load(HttpServletRequest request) {
      SecurityContextImpl context = new SecurityContextImpl();
      lookup.live(request).ifPresent(live -> context.setAuthentication(authentication(live)));
      return context;
    }

    /** Sign-in opens the session itself; nothing is saved from the context. */
    @Override
    public void saveContext(
        SecurityContext context, HttpServletRequest request, HttpServletResponse response) {}

    @Override
    public boolean containsContext(HttpServletRequest request) {
      return lookup.live(request).isPresent();
    }
  }
}
