package org.trademap.server.mail;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.trademap.server.web.ProblemException;

/**
 * Keeps the dev inbox to the machine it runs on: it shows every verification and password-reset
 * link, and the server listens on every interface by default. Other clients get the same {@code
 * 404} as for an address that does not exist, unless {@code trademap.mail.dev-inbox-remote-access}
 * is set.
 */
@Component
@ConditionalOnEmbeddedMail
class DevAccess {
  private final boolean remoteAccess;

  DevAccess(MailProperties properties) {
    this.remoteAccess = properties.devInboxRemoteAccess();
  }

  void check(HttpServletRequest request) {
    if (!remoteAccess && !isLoopback(request.getRemoteAddr())) {
      throw ProblemException.of(HttpStatus.NOT_FOUND, "request.not-found");
    }
  }

  private static boolean isLoopback(String remoteAddress) {
    try {
      // The container reports an IP literal, so this parses it and never asks DNS.
      return InetAddress.getByName(remoteAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
