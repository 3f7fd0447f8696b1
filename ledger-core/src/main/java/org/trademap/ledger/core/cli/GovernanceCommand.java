package org.trademap.ledger.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.core.config.ConfigException;
import org.trademap.ledger.core.config.NodeConfigFile;
import org.trademap.ledger.core.governance.Decision;
import org.trademap.ledger.core.governance.GovernanceContract;
import org.trademap.ledger.core.governance.MemberChange;
import org.trademap.ledger.core.governance.Upgrade;
import org.trademap.ledger.core.node.NodeFiles;

/**
 * {@code governance propose|approve}: an organisation signs a governance transaction with its node
 * key (from its node configuration) and submits it to its own server, or writes it to a file.
 */
final class GovernanceCommand {
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);

  private GovernanceCommand() {}

  static int run(String method, String[] args, PrintStream out, PrintStream err, Clock clock) {
    Options o;
    NodeConfigFile config;
    Decision decision;
    long nonce;
    try {
      o =
          Options.parse(
              args,
              Set.of(
                  "config",
                  "contract",
                  "version",
                  "height",
                  "add-member",
                  "remove-member",
                  "channel",
                  "nonce",
                  "server",
                  "out"),
              Set.of());
      String file = require(o, "config");
      decision = decision(o);
      // Above every sequential nonce the server hands out, and increasing from call to call.
      String n = o.get("nonce");
      nonce = n == null ? clock.millis() * 1000 : number(n, "nonce");
      config = NodeConfigFile.load(Path.of(file));
    } catch (IllegalArgumentException e) {
      return usage(method, e.getMessage(), err);
    } catch (ConfigException e) {
      err.println("governance " + method + ": " + e.getMessage());
      return LedgerCli.CANNOT_CHECK;
    }
    Genesis genesis;
    KeyPair key;
    try {
      genesis = NodeFiles.readGenesis(config.genesis());
      key = NodeFiles.readKey(config.signingKey());
    } catch (RuntimeException e) {
      err.println("governance " + method + ": " + LedgerCli.rootMessage(e));
      return LedgerCli.CANNOT_CHECK;
    }
    String channel = o.get("channel", genesis.channel());
    if (genesis.channel(channel).isEmpty()) {
      return usage(method, "channel " + channel + " is not in the genesis document", err);
    }
    if (decision instanceof MemberChange m && genesis.member(m.org()).isEmpty()) {
      return usage(
          method,
          "organisation "
              + m.org()
              + " is not a member of the genesis document (governance adds only those)",
          err);
    }
    SignedTransaction tx =
        new Transaction(
                genesis.chainId(),
                channel,
                GovernanceContract.ID,
                GovernanceContract.VERSION,
                method,
                decision.toArgs(),
                key.publicKey(),
                nonce,
                clock.millis())
            .signWith(key);
    String what = method + " " + decision + " by " + config.org() + ", transaction " + tx.id();
    String base64 = Base64.getEncoder().encodeToString(tx.encode());
    String outFile = o.get("out");
    if (outFile != null) {
      try {
        Files.writeString(Path.of(outFile), base64 + "\n", StandardOpenOption.CREATE_NEW);
      } catch (IOException e) {
        err.println("governance " + method + ": cannot write " + outFile + ": " + e.getMessage());
        return LedgerCli.CANNOT_CHECK;
      }
      out.println(what + " written to " + outFile);
      return LedgerCli.OK;
    }
    String server = o.get("server", "http://" + config.raftHost() + ":" + config.httpPort());
    return submit(server, base64, what, out, err);
  }

  private static int submit(
      String server, String base64, String what, PrintStream out, PrintStream err) {
    URI uri = URI.create(server.replaceAll("/+$", "") + "/api/v1/ledger/transactions");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(SUBMIT_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"transaction\":\"" + base64 + "\"}"))
            .build();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 201) {
        out.println(what + ": committed and accepted " + response.body());
        return LedgerCli.OK;
      }
      err.println(what + ": not accepted (HTTP " + response.statusCode() + ") " + response.body());
      return LedgerCli.FAILED;
    } catch (IOException e) {
      err.println(what + ": cannot reach " + uri + ": " + LedgerCli.rootMessage(e));
      return LedgerCli.CANNOT_CHECK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(what + ": interrupted");
      return LedgerCli.CANNOT_CHECK;
    }
  }

  private static int usage(String method, @Nullable String message, PrintStream err) {
    err.println("governance " + method + ": " + message);
    err.println(LedgerCli.GOVERNANCE_USAGE);
    return LedgerCli.USAGE;
  }

  /**
   * The decision the options name: an upgrade ({@code --contract}, {@code --version}, {@code
   * --height}) or a membership change ({@code --add-member} or {@code --remove-member} with {@code
   * --channel}), never both.
   */
  private static Decision decision(Options o) {
    String add = o.get("add-member");
    String remove = o.get("remove-member");
    boolean upgrade =
        o.get("contract") != null || o.get("version") != null || o.get("height") != null;
    if (add == null && remove == null) {
      if (!upgrade) {
        throw new IllegalArgumentException(
            "give --contract, --version and --height for an upgrade, or --add-member ORG or"
                + " --remove-member ORG with --channel C");
      }
      require(o, "version");
      return new Upgrade(
          require(o, "contract"),
          o.integer("version", 0, 1, Integer.MAX_VALUE),
          number(require(o, "height"), "height"));
    }
    if (upgrade) {
      throw new IllegalArgumentException(
          "an upgrade (--contract, --version, --height) and a membership change are separate"
              + " decisions: give one of them");
    }
    if (add != null && remove != null) {
      throw new IllegalArgumentException(
          "--add-member and --remove-member are separate decisions: give one of them");
    }
    String channel = o.get("channel");
    if (channel == null) {
      throw new IllegalArgumentException(
          "--channel is required with --add-member and --remove-member");
    }
    if (add != null) {
      return MemberChange.add(channel, add);
    }
    return MemberChange.remove(channel, java.util.Objects.requireNonNull(remove));
  }

  private static String require(Options o, String name) {
    String v = o.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  private static long number(String v, String name) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not '" + v + "'", e);
    }
  }
}
