package org.trademap.server.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the verification link (or the staff invitation) of a demo account from the embedded mail
 * server's dev mailbox ({@code GET /api/v1/dev/mailbox?to=}) of this very server, over loopback:
 * the way a person opens the link from the dev inbox. No other way into the mail exists from
 * outside the mail module, and none should: an address is verified only by the token mailed to it.
 */
final class DevMailboxClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern VERIFICATION =
      Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]{43})");
  private static final Pattern INVITATION =
      Pattern.compile("/staff/invitation\\?token=([A-Za-z0-9_-]{43})");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI server;

  /**
   * @param server the server's own base URL, e.g. {@code http://127.0.0.1:8080}
   */
  DevMailboxClient(URI server) {
    this.server = server;
  }

  /**
   * The token of the newest verification link mailed to the address.
   *
   * @throws IllegalStateException if the mailbox cannot be read or holds no such link
   */
  String verificationToken(String address) {
    return token(address, VERIFICATION);
  }

  /**
   * The token of the newest staff invitation mailed to the address.
   *
   * @throws IllegalStateException if the mailbox cannot be read or holds no such link
   */
  String invitationToken(String address) {
    return token(address, INVITATION);
  }

  private String token(String address, Pattern link) {
    URI uri =
        URI.create(
            server
                + "/api/v1/dev/mailbox?to="
                + URLEncoder.encode(address, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try (HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build()) {
      response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("the dev mailbox at " + server + " cannot be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the dev mailbox", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "the dev mailbox at "
              + server
              + " answered "
              + response.statusCode()
              + " (it answers clients on the loopback interface only)");
    }
    // Newest first.
    for (JsonNode mail : JSON.readTree(response.body())) {
      Matcher found = link.matcher(mail.path("text").asString(""));
      if (found.find()) {
        return found.group(1);
      }
    }
    throw new IllegalStateException("no such mail for a demo account in the dev mailbox");
  }
}
