package org.trademap.server.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the server under test (java.net.http), with JSON parsing of bodies. */
public final class Http {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;
  private final Map<String, String> headers;

  public Http(int port) {
    this("http://localhost:" + port, Map.of());
  }

  private Http(String base, Map<String, String> headers) {
    this.base = base;
    this.headers = headers;
  }

  /** A client that also sends this header with every request. */
  public Http withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Http(base, Map.copyOf(more));
  }

  /** A client that sends {@code Authorization: Bearer <token>} with every request. */
  public Http withBearer(String token) {
    return withHeader("Authorization", "Bearer " + token);
  }

  /** A GET as an API client sends it ({@code Accept: application/json}). */
  public Response get(String path) {
    return send(request(path).header("Accept", "application/json").GET());
  }

  /** A GET as a browser sends it. */
  public Response getPage(String path) {
    return send(
        request(path)
            .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .GET());
  }

  /** A GET whose body is binary (a PDF, an image); fails unless the answer is 200. */
  public byte[] getBytes(String path) {
    try {
      HttpResponse<byte[]> response =
          client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Any method with an optional body. */
  public Response send(String method, String path, String contentType, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A POST with a JSON body. */
  public Response postJson(String path, String json) {
    return send(
        "POST", path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A POST whose body is streamed in chunks, without announcing its length. */
  public Response postChunked(String path, String contentType, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
  }

  /** The JSON encoding of a string (quotes and escapes). */
  public static String jsonString(String value) {
    return JSON.writeValueAsString(value);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    return request;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status, headers and the body as text. */
  public record Response(int status, HttpHeaders headers, String body) {

    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }

    @Override
    public String toString() {
      return status + " " + contentType() + " " + body;
    }
  }
}
