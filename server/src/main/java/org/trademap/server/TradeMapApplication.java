package org.trademap.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.trademap.server.ledgergateway.LedgerCommands;

/**
 * The TradeMap server: web pages, REST API and the embedded ledger node.
 *
 * <p>{@code trademap-server.jar ledger …} and {@code trademap-server.jar keys …} run the ledger's
 * command line instead of the server (see {@link LedgerCommands}). With {@code
 * --trademap.ledger.config=FILE} the server runs an organisation's consortium node; the file gives
 * the HTTP port and the data directory unless the arguments set them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TradeMapApplication {

  public static void main(String[] args) {
    if (LedgerCommands.handles(args)) {
      System.exit(LedgerCommands.run(args, System.out, System.err));
    }
    String[] serverArgs = args;
    try {
      serverArgs = LedgerCommands.withNodeConfiguration(args);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.exit(64);
    }
    SpringApplication.run(TradeMapApplication.class, serverArgs);
  }
}
