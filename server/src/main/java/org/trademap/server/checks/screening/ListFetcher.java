package org.trademap.server.checks.screening;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads a list file from the location the operator configured: {@code http(s)://} (redirects
 * followed, a timeout per file), {@code file:} URLs and paths, or {@code classpath:} (the shipped
 * samples). Refuses files above the size limit instead of filling the memory.
 */
final class ListFetcher {
  private final Duration timeout;
  private final long maxBytes;

  ListFetcher(Duration timeout, long maxBytes) {
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** A location that could not be read; the message names it and says why. */
  static final class FetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String detail;

    FetchException(String message) {
      super(message);
      this.detail = message;
    }

    FetchException(String message, Throwable cause) {
      super(message, cause);
      this.detail = message;
    }

    String detail() {
      return detail;
    }
  }

  /**
   * The bytes at the location.
   *
   * @throws FetchException if it cannot be read, is larger than the limit, or answers an HTTP
   *     status other than 200
   */
  byte[] fetch(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length());
      try (InputStream in =
          ListFetcher.class.getClassLoader().getResourceAsStream(stripSlash(resource))) {
        if (in == null) {
          throw new FetchException(location + ": no such resource");
        }
        return limited(location, in);
      } catch (IOException e) {
        throw new FetchException(location + ": " + e.getMessage(), e);
      }
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return http(location);
    }
    Path path;
    try {
      path = lower.startsWith("file:") ? Path.of(new URI(location)) : Path.of(location);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException(location + ": not a URL or path", e);
    }
    if (!Files.isRegularFile(path)) {
      throw new FetchException(location + ": no such file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return limited(location, in);
    } catch (IOException e) {
      throw new FetchException(location + ": " + e.getMessage(), e);
    }
  }

  private static String stripSlash(String resource) {
    return resource.startsWith("/") ? resource.substring(1) : resource;
  }

  private byte[] http(String location) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new FetchException(location + ": not a URL", e);
    }
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new FetchException(location + ": HTTP status " + response.statusCode());
        }
        return limited(location, in);
      }
    } catch (IOException e) {
      throw new FetchException(location + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(location + ": interrupted", e);
    }
  }

  private byte[] limited(String location, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new FetchException(location + ": larger than the limit of " + maxBytes + " bytes");
    }
    return bytes;
  }
}
