package org.trademap.server.ledgergateway.outbox;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.server.TradeMapApplication;
import org.trademap.server.testing.TestTransactions;

/**
 * The whole server in a child JVM, for {@link OutboxCrashIT}. Arguments: {@code crash POINT REF
 * SERVER-ARGS...} enqueues a registration of {@code REF} and stops the dispatcher at {@code POINT}
 * (printing {@code OUTBOX-CRASH-POINT POINT}) until the test kills the process; {@code recover REF
 * SERVER-ARGS...} only starts the server and prints {@code OUTBOX-SETTLED ...} once the entry is
 * settled, then exits.
 */
public final class CrashingServer {
  /** The idempotency key of the entry. */
  static final String KEY = "crash-test/register";

  private CrashingServer() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    boolean crash = args[0].equals("crash");
    OutboxFaults.Point point = crash ? OutboxFaults.Point.valueOf(args[1]) : null;
    String ref = crash ? args[2] : args[1];
    String[] serverArgs = Arrays.copyOfRange(args, crash ? 3 : 2, args.length);
    SpringApplicationBuilder builder = new SpringApplicationBuilder(TradeMapApplication.class);
    if (point != null) {
      OutboxFaults stop =
          (at, seq) -> {
            if (at == point) {
              out.println("OUTBOX-CRASH-POINT " + at);
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          };
      builder.initializers(
          context -> context.getBeanFactory().registerSingleton("crashAtPoint", stop));
    }
    ConfigurableApplicationContext context = builder.run(serverArgs);
    Outbox outbox = context.getBean(Outbox.class);
    if (crash) {
      new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
          .executeWithoutResult(
              status ->
                  outbox.enqueue(
                      KEY,
                      KycRegistry.ID,
                      KycRegistry.VERSION,
                      KycRegistry.REGISTER,
                      TestTransactions.registerArgs(ref)));
      out.println("OUTBOX-ENQUEUED");
    }
    // A lost entry (e.g. a commit the database did not keep) is reported, not waited for.
    while (outbox.find(KEY).map(e -> e.status() instanceof OutboxStatus.Pending).orElse(false)) {
      Thread.sleep(Duration.ofMillis(50));
    }
    out.println(
        "OUTBOX-SETTLED " + outbox.find(KEY).map(e -> e.status().toString()).orElse("missing"));
    context.close();
    System.exit(0);
  }
}
