package org.trademap.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The TradeMap server: web pages, REST API and the embedded ledger node. */
@SpringBootApplication
public class TradeMapApplication {

  public static void main(String[] args) {
    SpringApplication.run(TradeMapApplication.class, args);
  }
}
