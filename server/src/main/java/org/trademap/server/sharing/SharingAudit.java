package org.trademap.server.sharing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.server.ledgergateway.LedgerGateway;

/**
 * The auditor's check of JPX Table 7-1 ③-A: replays every {@code kyc-sharing} call and its {@code
 * status-changed} and {@code share-refused} events in ledger order, per application reference, and
 * verifies that the status transitions followed the contract's rules — {@code applied → shared →
 * approved | rejected}, {@code applied | shared → withdrawn}, nothing after a final status — that
 * each share names the recipient commitment of its application, that each decision comes after a
 * share, that no application has two live statuses, and that refused shares are alerts that changed
 * nothing. It reads only what the consortium-wide channel holds: references, commitments, heights
 * and transaction ids; it never needs the salt or learns which company an application names.
 *
 * <p>A pure function of the committed blocks (or of {@link Call}s built from them), so the same
 * ledger always gives the same report.
 */
final class SharingAudit {

  static final String APPLIED = "applied";
  static final String SHARED = "shared";
  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";
  static final String WITHDRAWN = "withdrawn";

  /** The step recorded in a sequence for a refused share (an alert, not a status). */
  static final String REFUSED_SHARE = "share-refused";

  /** The step recorded for an updated package (③-D; not a status). */
  static final String PACKAGE_UPDATED = "package-updated";

  private static final Set<String> FINAL = Set.of(APPROVED, REJECTED, WITHDRAWN);
  private static final HexFormat HEX = HexFormat.of();

  /** A kind of broken rule. */
  enum Kind {
    /** A call or event for a reference that was never applied for. */
    NOT_APPLIED,
    /** A second {@code apply} for the same reference. */
    DUPLICATE_APPLICATION,
    /** A status change after {@code approved}, {@code rejected} or {@code withdrawn}. */
    AFTER_FINAL,
    /** A decision on an application whose package was never shared. */
    DECIDE_BEFORE_SHARE,
    /** A status change the contract's rules do not allow. */
    ILLEGAL_TRANSITION,
    /** A share naming another recipient commitment than its application. */
    RECIPIENT_MISMATCH,
    /** A change starting from another status than the live one, or out of sequence. */
    TWO_LIVE_STATES,
    /** A refused share (alert) that also changed the status. */
    REFUSED_SHARE_CHANGED_STATE,
    /** An updated package that changed the status, or came before a share or after an end. */
    ILLEGAL_UPDATE,
    /** An accepted status call without exactly one status event. */
    MISSING_STATUS_EVENT,
    /** Arguments or events that cannot be read. */
    MALFORMED
  }

  /**
   * One accepted {@code kyc-sharing} call with the events its receipt holds.
   *
   * @param height the block
   * @param txId the transaction (64 hex digits)
   * @param method the contract method
   * @param args the call's arguments
   * @param events the events the receipt recorded
   */
  record Call(long height, String txId, String method, byte[] args, List<ContractEvent> events) {
    Call {
      args = args.clone();
      events = List.copyOf(events);
    }

    @Override
    public byte[] args() {
      return args.clone();
    }
  }

  /**
   * A status an application reached, or a refused share.
   *
   * @param status the status, or {@value #REFUSED_SHARE}
   * @param height the block
   * @param txId the transaction
   */
  record Step(String status, long height, String txId) {}

  /**
   * A broken rule.
   *
   * @param applicationRef the application, empty if unreadable
   * @param kind what rule
   * @param detail what was seen (statuses and commitments only)
   * @param height the block
   * @param txId the transaction
   */
  record Violation(String applicationRef, Kind kind, String detail, long height, String txId) {}

  /**
   * One application as the ledger shows it.
   *
   * @param applicationRef its reference
   * @param recipientCommitment the salted commitment of its apply (hex), empty if never applied
   * @param steps its statuses and refused shares, in ledger order
   * @param status its last status
   * @param violations the rules it broke
   */
  record ApplicationAudit(
      String applicationRef,
      String recipientCommitment,
      List<Step> steps,
      String status,
      List<Violation> violations) {}

  /**
   * The whole audit.
   *
   * @param valid whether every application followed the rules
   * @param blocks how many blocks were read
   * @param applications the applications by reference, in order of first appearance
   * @param calls how many accepted sharing calls were replayed
   * @param refusedShares how many shares were refused (alerts)
   * @param violations every broken rule, in ledger order
   */
  record Report(
      boolean valid,
      long blocks,
      List<ApplicationAudit> applications,
      long calls,
      long refusedShares,
      List<Violation> violations) {

    /** A one-line summary. */
    String summary() {
      return valid
          ? "all transitions valid: "
              + applications.size()
              + " applications, "
              + calls
              + " calls, "
              + refusedShares
              + " refused shares"
          : violations.size() + " violations in " + applications.size() + " applications";
    }
  }

  private SharingAudit() {}

  /**
   * A share the contract refused and kept as an alert (JPX ①-C): an attempt to hand the package to
   * a company the person did not designate, or after the consent was withdrawn. Names no company
   * and no person.
   *
   * @param applicationRef the application's reference
   * @param code {@code sharing.not-designated} or {@code sharing.consent-withdrawn}
   * @param at the time of the block that recorded it
   * @param height the block
   * @param txId the transaction
   */
  record Alert(String applicationRef, String code, Instant at, long height, String txId) {}

  /** The accepted calls of the committed blocks of every channel, and how many blocks were read. */
  record Replayed(List<Call> calls, long blocks) {}

  /**
   * The accepted {@code kyc-sharing} calls of every channel the node holds: in trust model a the
   * relationship channels carry the sharing records (an application's calls are all on one channel,
   * in its order), in model b the default channel does.
   */
  static Replayed replay(LedgerGateway ledger) {
    List<Call> calls = new ArrayList<>();
    long blocks = 0;
    for (String channel : ledger.channels()) {
      long head = ledger.channel(channel).map(c -> c.status().height()).orElse(-1L);
      for (long h = 0; h <= head; h++) {
        Optional<Block> block = ledger.block(channel, h);
        if (block.isEmpty()) {
          break;
        }
        calls.addAll(calls(block.get()));
        blocks++;
      }
    }
    return new Replayed(calls, blocks);
  }

  /**
   * The refused shares among the calls, newest first; an event that does not read is left out (the
   * audit reports it as malformed).
   */
  static List<Alert> alerts(List<Call> calls) {
    List<Alert> alerts = new ArrayList<>();
    for (Call call : calls) {
      for (ContractEvent event : call.events()) {
        if (!event.name().equals(SharingRegistry.SHARE_REFUSED)) {
          continue;
        }
        try {
          List<byte[]> f = Args.decode(event.data(), 4);
          alerts.add(
              new Alert(
                  ascii(f.get(0)),
                  ascii(f.get(2)),
                  Instant.ofEpochMilli(number(f.get(3))),
                  call.height(),
                  call.txId()));
        } catch (EncodingException | IllegalArgumentException e) {
          // Counted as a malformed event by the audit.
        }
      }
    }
    alerts.sort(Comparator.comparing(Alert::at).thenComparing(Alert::height).reversed());
    return alerts;
  }

  /** The accepted {@code kyc-sharing} calls of a committed block, in block order. */
  static List<Call> calls(Block block) {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < block.transactions().size(); i++) {
      Transaction tx = block.transactions().get(i).body();
      Receipt receipt = block.receipts().get(i);
      if (receipt.accepted() && tx.contractId().equals(SharingRegistry.ID)) {
        calls.add(
            new Call(
                block.height(), receipt.txId().hex(), tx.method(), tx.args(), receipt.events()));
      }
    }
    return calls;
  }

  /** Audits the accepted sharing calls, in ledger order. */
  static Report of(long blocks, List<Call> calls) {
    Replay replay = new Replay();
    long refused = 0;
    for (Call call : calls) {
      refused += replay.call(call);
    }
    List<ApplicationAudit> applications = new ArrayList<>();
    for (Live a : replay.apps.values()) {
      applications.add(
          new ApplicationAudit(
              a.ref, a.commitment, List.copyOf(a.steps), a.status, List.copyOf(a.violations)));
    }
    return new Report(
        replay.violations.isEmpty(),
        blocks,
        List.copyOf(applications),
        calls.size(),
        refused,
        List.copyOf(replay.violations));
  }

  private static final class Live {
    final String ref;
    String commitment = "";
    String status = "";
    long sequence;
    final List<Step> steps = new ArrayList<>();
    final List<Violation> violations = new ArrayList<>();

    Live(String ref) {
      this.ref = ref;
    }
  }

  /** A decoded {@code status-changed} event. */
  private record Change(String ref, String from, String to, long sequence) {}

  private static final class Replay {
    final Map<String, Live> apps = new LinkedHashMap<>();
    final List<Violation> violations = new ArrayList<>();

    /** Replays one call; returns 1 for a refused share, else 0. */
    int call(Call call) {
      List<byte[]> args;
      try {
        args = Args.decode(call.args(), arity(call.method()));
      } catch (EncodingException | IllegalArgumentException e) {
        violation(null, "", Kind.MALFORMED, "arguments of " + call.method(), call);
        return 0;
      }
      String ref = ascii(args.getFirst());
      List<Change> changes = new ArrayList<>();
      boolean refusedShare = false;
      try {
        for (ContractEvent event : call.events()) {
          if (event.name().equals(SharingRegistry.STATUS_CHANGED)) {
            List<byte[]> f = Args.decode(event.data(), 5);
            changes.add(
                new Change(ascii(f.get(0)), ascii(f.get(1)), ascii(f.get(2)), number(f.get(3))));
          } else if (event.name().equals(SharingRegistry.SHARE_REFUSED)) {
            refusedShare = true;
          }
        }
      } catch (EncodingException | IllegalArgumentException e) {
        violation(apps.get(ref), ref, Kind.MALFORMED, "events of " + call.method(), call);
        return 0;
      }
      Live app = apps.get(ref);
      if (call.method().equals(SharingRegistry.APPLY)) {
        return apply(call, ref, args, changes);
      }
      if (app == null) {
        app = new Live(ref);
        apps.put(ref, app);
        violation(app, ref, Kind.NOT_APPLIED, call.method() + " without apply", call);
        return refusedShare ? 1 : 0;
      }
      if (refusedShare) {
        app.steps.add(new Step(REFUSED_SHARE, call.height(), call.txId()));
        if (!(call.method().equals(SharingRegistry.SHARE)
                || call.method().equals(SharingRegistry.UPDATE))
            || !changes.isEmpty()) {
          violation(app, ref, Kind.REFUSED_SHARE_CHANGED_STATE, "alert with a status change", call);
          for (Change c : changes) {
            advance(app, c, call);
          }
        }
        return 1;
      }
      if (call.method().equals(SharingRegistry.UPDATE)) {
        update(app, args, changes, call);
        return 0;
      }
      if (changes.size() != 1 || !changes.getFirst().ref().equals(ref)) {
        violation(
            app,
            ref,
            Kind.MISSING_STATUS_EVENT,
            changes.size() + " status events for " + call.method(),
            call);
        return 0;
      }
      Change change = changes.getFirst();
      checkChain(app, change, call);
      String from = app.status;
      if (FINAL.contains(from)) {
        violation(app, ref, Kind.AFTER_FINAL, from + " -> " + change.to(), call);
      } else {
        switch (call.method()) {
          case SharingRegistry.SHARE -> share(app, args, change, call);
          case SharingRegistry.DECIDE -> decide(app, args, change, call);
          case SharingRegistry.WITHDRAW -> {
            if (!change.to().equals(WITHDRAWN)) {
              illegal(app, from, change, call);
            }
          }
          default -> violation(app, ref, Kind.MALFORMED, "unknown method " + call.method(), call);
        }
      }
      advance(app, change, call);
      return 0;
    }

    private int apply(Call call, String ref, List<byte[]> args, List<Change> changes) {
      Live app = apps.get(ref);
      if (app != null) {
        violation(app, ref, Kind.DUPLICATE_APPLICATION, "apply again in " + app.status, call);
        changes.forEach(c -> advance(app, c, call));
        return 0;
      }
      Live created = new Live(ref);
      apps.put(ref, created);
      created.commitment = HEX.formatHex(args.get(2));
      if (changes.size() != 1) {
        violation(created, ref, Kind.MISSING_STATUS_EVENT, changes.size() + " status events", call);
        return 0;
      }
      Change change = changes.getFirst();
      if (!change.from().isEmpty() || !change.to().equals(APPLIED) || change.sequence() != 1) {
        violation(
            created,
            ref,
            Kind.ILLEGAL_TRANSITION,
            "apply recorded " + show(change.from()) + " -> " + change.to(),
            call);
      }
      advance(created, change, call);
      return 0;
    }

    private void share(Live app, List<byte[]> args, Change change, Call call) {
      checkRecipient(app, args, call);
      if (!app.status.equals(APPLIED) || !change.to().equals(SHARED)) {
        illegal(app, app.status, change, call);
      }
    }

    /** A share or update names the recipient commitment of its application's apply. */
    private void checkRecipient(Live app, List<byte[]> args, Call call) {
      String commitment = HEX.formatHex(args.get(1));
      if (!commitment.equals(app.commitment)) {
        violation(
            app,
            app.ref,
            Kind.RECIPIENT_MISMATCH,
            call.method() + " names " + commitment + ", the application " + app.commitment,
            call);
      }
    }

    /** An updated package: no status change, only while shared or approved, same recipient. */
    private void update(Live app, List<byte[]> args, List<Change> changes, Call call) {
      checkRecipient(app, args, call);
      if (!changes.isEmpty()) {
        violation(app, app.ref, Kind.ILLEGAL_UPDATE, "update with a status change", call);
      } else if (!app.status.equals(SHARED) && !app.status.equals(APPROVED)) {
        violation(app, app.ref, Kind.ILLEGAL_UPDATE, "update while " + show(app.status), call);
      }
      app.steps.add(new Step(PACKAGE_UPDATED, call.height(), call.txId()));
      for (Change c : changes) {
        advance(app, c, call);
      }
    }

    private void decide(Live app, List<byte[]> args, Change change, Call call) {
      String decision = ascii(args.get(1));
      if (app.status.equals(APPLIED)) {
        violation(app, app.ref, Kind.DECIDE_BEFORE_SHARE, "applied -> " + change.to(), call);
      } else if (!app.status.equals(SHARED)
          || !change.to().equals(decision)
          || !(decision.equals(APPROVED) || decision.equals(REJECTED))) {
        illegal(app, app.status, change, call);
      }
    }

    private void checkChain(Live app, Change change, Call call) {
      if (!change.from().equals(app.status) || change.sequence() != app.sequence + 1) {
        violation(
            app,
            app.ref,
            Kind.TWO_LIVE_STATES,
            "change from "
                + show(change.from())
                + " #"
                + change.sequence()
                + " while live "
                + show(app.status)
                + " #"
                + app.sequence,
            call);
      }
    }

    private void illegal(Live app, String from, Change change, Call call) {
      violation(
          app,
          app.ref,
          Kind.ILLEGAL_TRANSITION,
          call.method() + ": " + show(from) + " -> " + change.to(),
          call);
    }

    private static void advance(Live app, Change change, Call call) {
      app.status = change.to();
      app.sequence = change.sequence();
      app.steps.add(new Step(change.to(), call.height(), call.txId()));
    }

    private void violation(@Nullable Live app, String ref, Kind kind, String detail, Call call) {
      Violation v = new Violation(ref, kind, detail, call.height(), call.txId());
      violations.add(v);
      if (app != null) {
        app.violations.add(v);
      }
    }
  }

  private static int arity(String method) {
    return switch (method) {
      case SharingRegistry.APPLY -> 5;
      case SharingRegistry.SHARE, SharingRegistry.UPDATE -> 3;
      case SharingRegistry.DECIDE -> 2;
      case SharingRegistry.WITHDRAW -> 1;
      default -> throw new IllegalArgumentException("unknown method");
    };
  }

  private static String show(String status) {
    return status.isEmpty() ? "(none)" : status;
  }

  private static long number(byte[] value) {
    if (value.length != Long.BYTES) {
      throw new EncodingException("a number has 8 bytes");
    }
    long v = 0;
    for (byte b : value) {
      v = (v << 8) | (b & 0xFF);
    }
    return v;
  }

  private static String ascii(byte[] value) {
    return new String(value, StandardCharsets.US_ASCII);
  }
}
