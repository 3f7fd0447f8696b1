package org.trademap.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A browser's view of the running server for page tests: keeps cookies (also {@code Secure} ones,
 * as browsers do for localhost), remembers the CSRF token of the last page with a form, and posts
 * forms with it. Redirects are not followed, so tests see them.
 */
public final class BrowserSession {
  private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
  private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

  private final HttpClient client;
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private @Nullable String csrfToken;

  /** A browser on this machine. */
  public BrowserSession(int port) {
    this(port, null);
  }

  /**
   * A browser whose connections come from the given loopback address (e.g. {@code 127.0.0.2}), so
   * that the server sees another client address.
   */
  public BrowserSession(int port, @Nullable InetAddress localAddress) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10));
    if (localAddress != null) {
      builder.localAddress(localAddress);
    }
    this.client = builder.build();
    this.base = "http://127.0.0.1:" + port;
  }

  /** Opens a page. */
  public Http.Response get(String path) {
    return send(request(path).GET());
  }

  /** Submits a form with the CSRF token of the last page that had one. */
  public Http.Response post(String path, Map<String, String> fields) {
    String token = csrfToken;
    if (token == null) {
      throw new IllegalStateException("no page with a CSRF token was opened before " + path);
    }
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", token);
    return postRaw(path, all);
  }

  /** Submits exactly these fields: no CSRF token unless they include one. */
  public Http.Response postRaw(String path, Map<String, String> fields) {
    String form =
        fields.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /**
   * Posts a body of any type (e.g. {@code multipart/form-data}) with the session's cookies; a CSRF
   * token must be in the body if the page needs one (see {@link #csrfToken()}).
   */
  public Http.Response postBody(String path, String contentType, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The value of a cookie the server set and did not delete. */
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  /** Sets a cookie as if the server had set it (e.g. an old session id, to replay it). */
  public void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  /** Forgets every cookie. */
  public void clearCookies() {
    cookies.clear();
  }

  /** The CSRF token of the last page that had a form. */
  public Optional<String> csrfToken() {
    return Optional.ofNullable(csrfToken);
  }

  /** The {@code _csrf} value of the first form in the page, if it has one. */
  public static Optional<String> csrfTokenIn(String html) {
    Matcher input = CSRF_INPUT.matcher(html);
    if (!input.find()) {
      return Optional.empty();
    }
    Matcher value = VALUE.matcher(input.group());
    return value.find() ? Optional.of(value.group(1)) : Optional.empty();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    return request;
  }

  private Http.Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      remember(response.headers().allValues("Set-Cookie"));
      if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
        csrfTokenIn(response.body()).ifPresent(token -> csrfToken = token);
      }
      return new Http.Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void remember(List<String> setCookies) {
    for (String header : setCookies) {
      String[] parts = header.split(";", -1);
      int equals = parts[0].indexOf('=');
      String name = parts[0].substring(0, equals).strip();
      String value = parts[0].substring(equals + 1).strip();
      boolean deleted = value.isEmpty();
      for (int i = 1; i < parts.length; i++) {
        String attribute = parts[i].strip().toLowerCase(Locale.ROOT);
        if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
          deleted = true;
        }
      }
      if (deleted) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
