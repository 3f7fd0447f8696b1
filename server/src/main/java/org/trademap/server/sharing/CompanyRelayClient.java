package org.trademap.server.sharing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.trademap.contracts.sharing.SharingCalls;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.server.ledgergateway.NodeIdentity;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A securities company's own server talking to the consortium's relay (role {@code company}, ADR
 * 0035): every {@code trademap.sharing.company.poll-interval} it registers the company's HPKE
 * public key (until the consortium took it), reports the decisions its staff made (in trust model a
 * once the node's own {@code decide} committed), and fetches the packages it does not have yet into
 * its own database. Every request is signed with this node's key. Does nothing with role {@code
 * consortium}.
 */
@Component
class CompanyRelayClient implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CompanyRelayClient.class);
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(
              DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
              DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .build();
  private static final HexFormat HEX = HexFormat.of();

  /** The relay's lists: a notice without a package, the cursor of an empty list are null. */
  private static final JsonMapper PAGES = JsonMapper.builder().build();

  private static final TypeReference<Relay.Page<Relay.Listed>> PACKAGE_PAGE =
      new TypeReference<>() {};
  private static final TypeReference<Relay.Page<Relay.RelayedNotice>> NOTICE_PAGE =
      new TypeReference<>() {};
  private static final Pattern TX = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_STEPS = 15;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final SharingProperties properties;
  private final Companies companies;
  private final SharingChannels channels;
  private final ReceivedPackages received;
  private final ReceivedNotices notices;
  private final NodeIdentity identity;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private volatile boolean running;
  private volatile boolean registered;
  private @Nullable Thread thread;

  CompanyRelayClient(
      SharingProperties properties,
      Companies companies,
      SharingChannels channels,
      ReceivedPackages received,
      ReceivedNotices notices,
      NodeIdentity identity,
      ObjectProvider<Clock> clock) {
    this.properties = properties;
    this.companies = companies;
    this.channels = channels;
    this.received = received;
    this.notices = notices;
    this.identity = identity;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Override
  public synchronized void start() {
    SharingProperties.CompanyServer company = properties.company();
    if (running || properties.role() != SharingProperties.Role.COMPANY || company == null) {
      return;
    }
    running = true;
    log.info(
        "account opening: company server of {} on member {}; relay {}",
        company.id(),
        identity.memberId(),
        company.consortiumUrl());
    thread =
        Thread.ofPlatform().name("sharing-relay-client").daemon(true).start(() -> run(company));
  }

  @Override
  public void stop() {
    Thread worker;
    synchronized (this) {
      running = false;
      worker = thread;
      thread = null;
    }
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run(SharingProperties.CompanyServer company) {
    while (running) {
      try {
        cycle(company);
      } catch (IOException | RuntimeException e) {
        log.warn("relay: {} ({}); trying again", e.getClass().getSimpleName(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(company.pollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * One round: register the key, report decisions and acknowledged notices, fetch new packages,
   * learn of withdrawals, fetch new notices.
   */
  void cycle(SharingProperties.CompanyServer company) throws IOException, InterruptedException {
    if (!registered) {
      Company own = companies.find(company.id()).orElseThrow();
      HttpResponse<byte[]> r =
          send(
              company,
              "PUT",
              "/key",
              JSON.writeValueAsBytes(Map.of("publicKey", own.publicKeyHex())));
      if (r.statusCode() != 200) {
        log.warn("relay: key registration answered {}", r.statusCode());
        return;
      }
      registered = true;
      log.info("relay: public key of {} registered with the consortium", company.id());
    }
    report(company);
    reportAcknowledgements(company);
    fetch(company);
    withdrawals(company);
    fetchNotices(company);
  }

  private void reportAcknowledgements(SharingProperties.CompanyServer company)
      throws IOException, InterruptedException {
    for (UUID id : notices.unreported()) {
      HttpResponse<byte[]> answer =
          send(company, "POST", "/notices/" + id + "/acknowledge", new byte[0]);
      if (answer.statusCode() == 200 || answer.statusCode() == 404) {
        // 404: not this company's notice at the consortium; reporting again changes nothing.
        notices.reported(id);
        log.info(
            "relay: acknowledgement of change notice {} reported ({})", id, answer.statusCode());
      } else {
        log.warn("relay: acknowledgement of change notice {} answered {}", id, answer.statusCode());
      }
    }
  }

  /** Applications waiting for a decision that the person withdrew lose their package here too. */
  private void withdrawals(SharingProperties.CompanyServer company)
      throws IOException, InterruptedException {
    List<UUID> waiting = received.waiting(company.id());
    if (waiting.isEmpty()) {
      return;
    }
    HttpResponse<byte[]> answer =
        send(
            company,
            "POST",
            "/applications/states",
            JSON.writeValueAsBytes(
                Map.of("applicationIds", waiting.stream().limit(Relay.MAX_STATES).toList())));
    if (answer.statusCode() != 200) {
      log.warn("relay: application states answered {}", answer.statusCode());
      return;
    }
    for (JsonNode item : JSON.readTree(answer.body())) {
      if ("withdrawn".equals(item.get("state").asString())) {
        received.withdrawn(UUID.fromString(item.get("applicationId").asString()));
      }
    }
  }

  private void fetchNotices(SharingProperties.CompanyServer company)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> listed =
        send(company, "GET", "/notices" + after(company, ReceivedNotices.NOTICES), new byte[0]);
    if (listed.statusCode() != 200) {
      log.warn("relay: notice list answered {}", listed.statusCode());
      return;
    }
    Relay.Page<Relay.RelayedNotice> page;
    try {
      page = PAGES.readValue(listed.body(), NOTICE_PAGE);
    } catch (JacksonException e) {
      log.warn("relay: notice list is malformed");
      return;
    }
    for (Relay.RelayedNotice n : page.items()) {
      if (!notices.store(company.id(), n)) {
        log.warn("relay: change notice {} of an unknown kind; not stored", n.id());
      } else {
        log.info("relay: change notice {} of application {} received", n.id(), n.applicationId());
      }
    }
    keep(company, ReceivedNotices.NOTICES, page.next());
  }

  /** The query asking for the entries after the kept cursor of a list. */
  private String after(SharingProperties.CompanyServer company, String list) {
    return notices.cursor(company.id(), list).map(c -> "?after=" + c).orElse("");
  }

  private void keep(SharingProperties.CompanyServer company, String list, @Nullable String next) {
    if (next != null) {
      notices.keepCursor(company.id(), list, next);
    }
  }

  private void report(SharingProperties.CompanyServer company)
      throws IOException, InterruptedException {
    for (ReceivedRepository.Received r : received.unreported()) {
      String decision = ReceivedPackages.word(r.state() == ApplicationState.APPROVED);
      Map<String, String> body;
      if (channels.model() == SharingChannels.Model.A) {
        Optional<Hash> tx = received.committedDecision(r);
        if (tx.isEmpty()) {
          continue; // not committed yet
        }
        body = Map.of("decision", decision, "transaction", tx.get().hex());
      } else {
        byte[] statement = r.statement();
        byte[] sealed = r.sealed();
        if (statement == null || sealed == null) {
          continue;
        }
        body =
            Map.of(
                "decision",
                decision,
                "packageHash",
                HEX.formatHex(Applications.sha256(sealed)),
                "statement",
                Base64.getEncoder().encodeToString(statement));
      }
      HttpResponse<byte[]> answer =
          send(
              company,
              "POST",
              "/applications/" + r.applicationId() + "/decision",
              JSON.writeValueAsBytes(body));
      if (answer.statusCode() == 200) {
        received.reported(r.applicationId());
        log.info("relay: decision of application {} reported", r.applicationId());
      } else if (answer.statusCode() == 409 || answer.statusCode() == 410) {
        // Decided otherwise or withdrawn meanwhile: final, reporting again changes nothing.
        received.reported(r.applicationId());
        log.warn(
            "relay: decision of application {} refused for good ({})",
            r.applicationId(),
            answer.statusCode());
      } else {
        log.warn(
            "relay: decision of application {} answered {}",
            r.applicationId(),
            answer.statusCode());
      }
    }
  }

  private void fetch(SharingProperties.CompanyServer company)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> listed =
        send(company, "GET", "/packages" + after(company, ReceivedNotices.PACKAGES), new byte[0]);
    if (listed.statusCode() != 200) {
      log.warn("relay: package list answered {}", listed.statusCode());
      return;
    }
    Relay.Page<Relay.Listed> page;
    try {
      page = PAGES.readValue(listed.body(), PACKAGE_PAGE);
    } catch (JacksonException e) {
      log.warn("relay: package list is malformed");
      return;
    }
    for (Relay.Listed item : page.items()) {
      UUID id = item.id();
      if (!received.has(id)) {
        HttpResponse<byte[]> one = send(company, "GET", "/packages/" + id, new byte[0]);
        if (one.statusCode() == 200) {
          Optional<ReceivedRepository.Received> valid = valid(company, one.body());
          if (valid.isEmpty()) {
            log.warn("relay: package {} is malformed; not stored", id);
          } else {
            received.store(valid.get());
            log.info(
                "relay: package {} of application {} received", id, valid.get().applicationId());
          }
        } else if (one.statusCode() == 404) {
          log.warn("relay: package {} is no longer handed out", id);
        } else {
          // Not fetched: ask again from here on the next round.
          log.warn("relay: package {} answered {}", id, one.statusCode());
          return;
        }
      }
      keep(company, ReceivedNotices.PACKAGES, item.cursor());
    }
    keep(company, ReceivedNotices.PACKAGES, page.next());
  }

  /** The delivery as a row to store, if it is well formed and names this company's channel. */
  private Optional<ReceivedRepository.Received> valid(
      SharingProperties.CompanyServer company, byte[] body) {
    Relay.Delivery d;
    byte[] salt;
    byte[] sealed;
    try {
      d = JSON.readValue(body, Relay.Delivery.class);
      salt = HEX.parseHex(d.recipientSalt());
      sealed = Base64.getDecoder().decode(d.sealed());
    } catch (JacksonException | IllegalArgumentException e) {
      return Optional.empty();
    }
    List<String> steps = d.transactions();
    if (!SharingCalls.isValidRef(d.applicationRef())
        || !d.channel().equals(channels.of(company.id()))
        || salt.length != 32
        || !TX.matcher(d.shareTransaction()).matches()
        || steps.size() > MAX_STEPS
        || steps.stream().anyMatch(t -> !TX.matcher(t).matches())
        || d.purpose().length() > 32
        || d.consentVersion().length() > 16) {
      return Optional.empty();
    }
    return Optional.of(
        new ReceivedRepository.Received(
            d.applicationId(),
            d.applicationRef(),
            company.id(),
            salt,
            d.purpose(),
            d.consentVersion(),
            d.appliedAt(),
            d.channel(),
            d.id(),
            d.shareTransaction(),
            steps,
            sealed,
            clock.instant(),
            ApplicationState.APPLIED,
            null,
            null,
            null));
  }

  private HttpResponse<byte[]> send(
      SharingProperties.CompanyServer company, String method, String path, byte[] body)
      throws IOException, InterruptedException {
    URI base = company.consortiumUrl();
    String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    URI target = base.resolve(prefix + RelayController.BASE + path);
    Instant now = clock.instant();
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = HEX.formatHex(nonceBytes);
    String signedPath =
        target.getRawQuery() == null
            ? target.getRawPath()
            : target.getRawPath() + "?" + target.getRawQuery();
    byte[] message = RelaySignatures.requestMessage(method, signedPath, now, nonce, body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header(RelaySignatures.MEMBER, identity.memberId())
            .header(RelaySignatures.TIMESTAMP, now.toString())
            .header(RelaySignatures.NONCE, nonce)
            .header(
                RelaySignatures.SIGNATURE,
                Base64.getEncoder().encodeToString(identity.sign(message).bytes()));
    if (method.equals("GET")) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
