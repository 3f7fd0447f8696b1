package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.trademap.server.identity.Role;
import org.trademap.server.web.ProblemException;

/**
 * Who may reach what, in two filter chains.
 *
 * <ul>
 *   <li><b>{@code /api/**}</b>: stateless; the only credential is {@code Authorization: Bearer
 *       <token>} from {@code POST /api/v1/sessions}. Cookies are ignored, so cross-site requests
 *       carry no credential and CSRF tokens are not needed. {@code /api/v1/me/**} and {@code
 *       /api/v1/sessions/current} need a live token, else {@code 401 auth.required} with {@code
 *       WWW-Authenticate: Bearer}; {@code /api/v1/checks/**} needs a staff role of the back office
 *       (operator or supervisor) and {@code /api/v1/admin/**} an administrator, else {@code 403
 *       auth.forbidden} (the checks' controllers check roles too); everything else stays public.
 *   <li><b>Pages</b>: the browser session behind the session cookie; CSRF tokens on every
 *       state-changing request (forms get them from {@code th:action}); {@code /me/**} needs a
 *       signed-in session, else a redirect to {@code /login}; {@code /checks/**} and {@code
 *       /admin/**} need the same roles as their APIs; everything else stays public; {@code POST
 *       /logout} ends the session on the server.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
  /** Where refused requests (a missing or wrong CSRF token) are forwarded to be answered. */
  static final String REFUSED_PATH = "/access-refused";

  /** The authorities of the back office: operators and supervisors of the KYC checks. */
  static final String[] BACK_OFFICE = {
    Role.KYC_OPERATOR.authority(), Role.KYC_SUPERVISOR.authority()
  };

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      Sessions sessions,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
      throws Exception {
    http.securityMatcher("/api/**")
        .securityContext(
            context -> context.securityContextRepository(SessionContexts.bearer(sessions)))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/api/v1/me/**", "/api/v1/sessions/current")
                    .authenticated()
                    // Account opening (sharing): the controller answers 404 to anyone but the
                    // application's company staff, so no role is required here.
                    .requestMatchers("/api/v1/company/**")
                    .authenticated()
                    .requestMatchers("/api/v1/checks/**")
                    .hasAnyAuthority(BACK_OFFICE)
                    .requestMatchers("/api/v1/admin/**")
                    .hasAuthority(Role.ADMINISTRATOR.authority())
                    .anyRequest()
                    .permitAll())
        .exceptionHandling(
            failures ->
                failures
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          response.setHeader(
                              HttpHeaders.WWW_AUTHENTICATE, SessionsController.BEARER_CHALLENGE);
                          problems.resolveException(
                              request,
                              response,
                              null,
                              ProblemException.of(HttpStatus.UNAUTHORIZED, "auth.required"));
                        })
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problems.resolveException(
                                request,
                                response,
                                null,
                                ProblemException.of(HttpStatus.FORBIDDEN, "auth.forbidden"))));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageSecurity(
      HttpSecurity http,
      Sessions sessions,
      @Value("${server.servlet.session.cookie.name:JSESSIONID}") String cookieName)
      throws Exception {
    AccessDeniedHandlerImpl refused = new AccessDeniedHandlerImpl();
    refused.setErrorPage(REFUSED_PATH);
    http.securityContext(
            context -> context.securityContextRepository(SessionContexts.browser(sessions)))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/me", "/me/**")
                    .authenticated()
                    .requestMatchers("/company", "/company/**")
                    .authenticated()
                    .requestMatchers("/checks", "/checks/**")
                    .hasAnyAuthority(BACK_OFFICE)
                    .requestMatchers("/admin", "/admin/**")
                    .hasAuthority(Role.ADMINISTRATOR.authority())
                    .anyRequest()
                    .permitAll())
        .exceptionHandling(
            failures ->
                failures
                    .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                    .accessDeniedHandler(refused))
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .addLogoutHandler(
                        (request, response, authentication) -> {
                          if (authentication != null
                              && authentication.getDetails()
                                  instanceof SessionRepository.Live live) {
                            sessions.end(live.tokenHash());
                          }
                        })
                    .deleteCookies(cookieName)
                    .logoutSuccessUrl("/"));
    return http.build();
  }

  /**
   * Nothing signs in through Spring's {@link AuthenticationManager}: {@code /login} and {@code POST
   * /api/v1/sessions} check passwords with the throttle themselves. This bean also keeps Spring
   * Boot from creating its default user with a generated password.
   */
  @Bean
  AuthenticationManager noAuthenticationManager() {
    return authentication -> {
      throw new ProviderNotFoundException("sign in through /login or POST /api/v1/sessions");
    };
  }

  /** Answers requests the page chain refused, as a page or a problem document. */
  @Controller
  static class RefusedRequests {
    @RequestMapping(REFUSED_PATH)
    void refused(HttpServletRequest request) {
      throw ProblemException.of(
          HttpStatus.FORBIDDEN,
          request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException
              ? "auth.csrf"
              : "auth.forbidden");
    }
  }
}
