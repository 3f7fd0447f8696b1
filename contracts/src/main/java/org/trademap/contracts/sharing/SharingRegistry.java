package org.trademap.contracts.sharing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.contract.Outcome;

/**
 * The sharing contract, version 1: account-opening applications, the KYC packages shared for them
 * and the companies' decisions (JPX §5, §6.2 (3), Table 7-1 ①-C, ②-C, ③-A).
 *
 * <p>An application holds an opaque application reference, the subject reference of the KYC
 * registry, the <em>recipient commitment</em> — {@code SHA-256("trademap.sharing.recipient.v1" ‖ 0
 * ‖ salt ‖ companyId)} with a random 32-byte salt, computed off the ledger — the purpose and the
 * version of the consent text the person accepted. The company itself is never named on the ledger.
 * Methods (arguments from {@link SharingCalls}):
 *
 * <ul>
 *   <li>{@value #APPLY}{@code (applicationRef, subjectRef, recipientCommitment, purpose,
 *       consentVersion)} — records an application in status {@value SharingWire#STATUS_APPLIED}.
 *   <li>{@value #SHARE}{@code (applicationRef, recipientCommitment, packageHash)} — records the
 *       SHA-256 of the sealed KYC package handed to the recipient; {@code applied → shared}. A
 *       share whose recipient is not the one the person designated, or for a withdrawn application,
 *       changes nothing about the application: it is recorded as an <em>alert</em> (the
 *       application's refused-share counter goes up and the event {@value #SHARE_REFUSED} is
 *       emitted) and the call's value says {@code refused} with the code {@value #NOT_DESIGNATED}
 *       or {@value #CONSENT_WITHDRAWN}. It is accepted rather than rejected because the ledger
 *       keeps no events of rejected calls, and the attempt must stay visible to every node.
 *   <li>{@value #DECIDE}{@code (applicationRef, decision)} — the company's account-opening
 *       decision, {@code approved} or {@code rejected}; {@code shared → approved | rejected}. May
 *       be signed by a {@value #COMPANY_ROLE} member or, on the single-node default where the
 *       consortium's node also stands for the companies, by the consortium.
 *   <li>{@value #WITHDRAW}{@code (applicationRef)} — the person withdrew the consent before a
 *       decision; {@code applied | shared → withdrawn}.
 * </ul>
 *
 * Every status change emits {@value #STATUS_CHANGED} {@code (applicationRef, from, to, transition,
 * blockTime)}, which is all an auditor needs to check the transition rules (③-A). An accepted call
 * returns {@code Args(ok, newStatus)} or {@code Args(refused, code)}.
 *
 * <p>Rules are checked in this order, before anything is written: signer role, method, argument
 * shape, field formats, stored state. A broken rule is an {@link Outcome.Rejected} with one of the
 * stable codes below.
 */
public sealed class SharingRegistry implements Contract permits SharingRegistryV2 {

  /** The contract id. */
  public static final String ID = "kyc-sharing";

  /** The version this class implements. */
  public static final int VERSION = 1;

  /** The version that adds {@value #UPDATE} ({@link SharingRegistryV2}). */
  public static final int UPDATE_VERSION = 2;

  /** Member role of the consortium. */
  public static final String CONSORTIUM_ROLE = "consortium";

  /** Member role of a securities company. */
  public static final String COMPANY_ROLE = "securities-company";

  /** Method: record an application. */
  public static final String APPLY = "apply";

  /** Method: record a shared package. */
  public static final String SHARE = "share";

  /** Method: record the company's decision. */
  public static final String DECIDE = "decide";

  /** Method: record the withdrawal of the consent. */
  public static final String WITHDRAW = "withdraw";

  /** Method (from version {@value #UPDATE_VERSION}): record an updated package (③-D). */
  public static final String UPDATE = "update";

  /** Event: a new application. */
  public static final String APPLICATION_RECORDED = "application-recorded";

  /** Event: an application's status changed. */
  public static final String STATUS_CHANGED = "status-changed";

  /** Event: a package was shared with the designated recipient. */
  public static final String PACKAGE_SHARED = "package-shared";

  /** Event: an updated package was shared with the designated recipient. */
  public static final String PACKAGE_UPDATED = "package-updated";

  /** Event (alert): a share was refused. */
  public static final String SHARE_REFUSED = "share-refused";

  /** The signer's role may not call this method. */
  public static final String NOT_ALLOWED = "sharing.not-allowed";

  /** The method is not one of the contract's. */
  public static final String UNKNOWN_METHOD = "sharing.unknown-method";

  /** Wrong argument count or encoding. */
  public static final String MALFORMED_ARGUMENTS = "sharing.malformed-arguments";

  /** A reference is not 1–64 characters of {@code [A-Za-z0-9_-]}. */
  public static final String BAD_REF = "sharing.bad-ref";

  /** A commitment or hash is not 32 bytes. */
  public static final String BAD_HASH = "sharing.bad-hash";

  /** The purpose is not a known one. */
  public static final String UNKNOWN_PURPOSE = "sharing.unknown-purpose";

  /** The consent version is not 1–16 characters of {@code [A-Za-z0-9._-]}. */
  public static final String BAD_CONSENT_VERSION = "sharing.bad-consent-version";

  /** The decision is not {@code approved} or {@code rejected}. */
  public static final String UNKNOWN_DECISION = "sharing.unknown-decision";

  /** An application with this reference exists. */
  public static final String APPLICATION_EXISTS = "sharing.application-exists";

  /** No application with this reference exists. */
  public static final String UNKNOWN_APPLICATION = "sharing.unknown-application";

  /** The application's status does not allow the change. */
  public static final String WRONG_STATUS = "sharing.wrong-status";

  /** Refused share (value, with an alert): not the designated recipient. */
  public static final String NOT_DESIGNATED = "sharing.not-designated";

  /** Refused share (value, with an alert): the person withdrew the consent. */
  public static final String CONSENT_WITHDRAWN = "sharing.consent-withdrawn";

  private final int version;

  /** Creates version {@value #VERSION}; {@link java.util.ServiceLoader} uses this constructor. */
  public SharingRegistry() {
    this(VERSION);
  }

  SharingRegistry(int version) {
    this.version = version;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public Outcome invoke(ContractContext context) {
    String method = context.method();
    boolean consortium = CONSORTIUM_ROLE.equals(context.signerRole());
    if (DECIDE.equals(method)) {
      if (!consortium && !COMPANY_ROLE.equals(context.signerRole())) {
        return notAllowed();
      }
      return decide(context);
    }
    boolean update = UPDATE.equals(method) && version >= UPDATE_VERSION;
    if (!APPLY.equals(method) && !SHARE.equals(method) && !WITHDRAW.equals(method) && !update) {
      return Outcome.rejected(UNKNOWN_METHOD, "The sharing contract has no method of that name.");
    }
    if (!consortium) {
      return notAllowed();
    }
    if (APPLY.equals(method)) {
      return apply(context);
    }
    if (SHARE.equals(method) || update) {
      return share(context, update);
    }
    return withdraw(context);
  }

  private static Outcome apply(ContractContext context) {
    List<byte[]> args = arguments(context, 5);
    if (args == null) {
      return malformed();
    }
    byte[] applicationRef = args.get(0);
    if (!SharingWire.isRef(applicationRef) || !SharingWire.isRef(args.get(1))) {
      return badRef();
    }
    if (args.get(2).length != SharingWire.HASH_SIZE) {
      return badHash();
    }
    if (!SharingWire.isPurpose(args.get(3))) {
      return Outcome.rejected(
          UNKNOWN_PURPOSE, "The purpose is not one the sharing contract knows.");
    }
    if (!SharingWire.isToken(args.get(4), SharingWire.MAX_VERSION_LENGTH)) {
      return Outcome.rejected(
          BAD_CONSENT_VERSION,
          "A consent version must be 1 to 16 letters, digits, dots, underscores or hyphens.");
    }
    byte[] key = SharingWire.applicationKey(applicationRef);
    if (context.get(key).isPresent()) {
      return Outcome.rejected(
          APPLICATION_EXISTS, "An application with this reference is already recorded.");
    }
    long now = context.blockTimeMillis();
    byte[] status = SharingWire.ascii(SharingWire.STATUS_APPLIED);
    context.put(
        key,
        Args.encode(
            applicationRef,
            args.get(1),
            args.get(2),
            args.get(3),
            args.get(4),
            status,
            new byte[SharingWire.HASH_SIZE],
            SharingWire.longBytes(now),
            SharingWire.longBytes(now),
            SharingWire.longBytes(1),
            SharingWire.longBytes(0)));
    context.emit(
        APPLICATION_RECORDED,
        Args.encode(
            applicationRef,
            args.get(1),
            args.get(2),
            args.get(3),
            args.get(4),
            SharingWire.longBytes(now)));
    context.emit(
        STATUS_CHANGED,
        Args.encode(
            applicationRef,
            new byte[0],
            status,
            SharingWire.longBytes(1),
            SharingWire.longBytes(now)));
    return ok(SharingWire.STATUS_APPLIED);
  }

  /**
   * {@code share}, or with {@code update} its version-2 sibling: an updated package for an
   * application that already holds one ({@code shared} or {@code approved}), which records the new
   * hash and emits {@value #PACKAGE_UPDATED} without changing the status. A wrong recipient or a
   * withdrawn consent is refused with an alert, as for {@code share}.
   */
  private static Outcome share(ContractContext context, boolean update) {
    List<byte[]> args = arguments(context, 3);
    if (args == null) {
      return malformed();
    }
    if (!SharingWire.isRef(args.get(0))) {
      return badRef();
    }
    if (args.get(1).length != SharingWire.HASH_SIZE
        || args.get(2).length != SharingWire.HASH_SIZE) {
      return badHash();
    }
    List<byte[]> stored = stored(context, args.get(0));
    if (stored == null) {
      return unknownApplication();
    }
    String status = SharingWire.ascii(stored.get(5));
    @Nullable String refusal = null;
    if (SharingWire.STATUS_WITHDRAWN.equals(status)) {
      refusal = CONSENT_WITHDRAWN;
    } else if (!Arrays.equals(stored.get(2), args.get(1))) {
      refusal = NOT_DESIGNATED;
    }
    long now = context.blockTimeMillis();
    if (refusal != null) {
      stored.set(10, SharingWire.longBytes(SharingWire.readLong(stored.get(10)) + 1));
      context.put(SharingWire.applicationKey(args.get(0)), Args.encode(stored));
      context.emit(
          SHARE_REFUSED,
          Args.encode(
              args.get(0), args.get(1), SharingWire.ascii(refusal), SharingWire.longBytes(now)));
      return Outcome.accepted(
          Args.encode(SharingWire.ascii(SharingWire.REFUSED), SharingWire.ascii(refusal)));
    }
    if (update) {
      if (!SharingWire.STATUS_SHARED.equals(status)
          && !SharingWire.STATUS_APPROVED.equals(status)) {
        return wrongStatus();
      }
      stored.set(6, args.get(2));
      context.put(SharingWire.applicationKey(args.get(0)), Args.encode(stored));
      context.emit(
          PACKAGE_UPDATED, Args.encode(args.get(0), args.get(2), SharingWire.longBytes(now)));
      return ok(status);
    }
    if (!SharingWire.STATUS_APPLIED.equals(status)) {
      return wrongStatus();
    }
    stored.set(6, args.get(2));
    context.emit(PACKAGE_SHARED, Args.encode(args.get(0), args.get(2), SharingWire.longBytes(now)));
    return transition(context, stored, SharingWire.STATUS_SHARED);
  }

  private static Outcome decide(ContractContext context) {
    List<byte[]> args = arguments(context, 2);
    if (args == null) {
      return malformed();
    }
    if (!SharingWire.isRef(args.get(0))) {
      return badRef();
    }
    if (!SharingWire.isDecision(args.get(1))) {
      return Outcome.rejected(UNKNOWN_DECISION, "A decision must be approved or rejected.");
    }
    List<byte[]> stored = stored(context, args.get(0));
    if (stored == null) {
      return unknownApplication();
    }
    if (!SharingWire.STATUS_SHARED.equals(SharingWire.ascii(stored.get(5)))) {
      return wrongStatus();
    }
    return transition(context, stored, SharingWire.ascii(args.get(1)));
  }

  private static Outcome withdraw(ContractContext context) {
    List<byte[]> args = arguments(context, 1);
    if (args == null) {
      return malformed();
    }
    if (!SharingWire.isRef(args.get(0))) {
      return badRef();
    }
    List<byte[]> stored = stored(context, args.get(0));
    if (stored == null) {
      return unknownApplication();
    }
    String status = SharingWire.ascii(stored.get(5));
    if (!SharingWire.STATUS_APPLIED.equals(status) && !SharingWire.STATUS_SHARED.equals(status)) {
      return wrongStatus();
    }
    return transition(context, stored, SharingWire.STATUS_WITHDRAWN);
  }

  private static Outcome transition(ContractContext context, List<byte[]> stored, String to) {
    long now = context.blockTimeMillis();
    long sequence = SharingWire.readLong(stored.get(9)) + 1;
    byte[] from = stored.get(5);
    stored.set(5, SharingWire.ascii(to));
    stored.set(8, SharingWire.longBytes(now));
    stored.set(9, SharingWire.longBytes(sequence));
    context.put(SharingWire.applicationKey(stored.get(0)), Args.encode(stored));
    context.emit(
        STATUS_CHANGED,
        Args.encode(
            stored.get(0),
            from,
            SharingWire.ascii(to),
            SharingWire.longBytes(sequence),
            SharingWire.longBytes(now)));
    return ok(to);
  }

  /** The stored record's fields (a mutable list), or null if there is none. */
  private static @Nullable List<byte[]> stored(ContractContext context, byte[] applicationRef) {
    Optional<byte[]> value = context.get(SharingWire.applicationKey(applicationRef));
    if (value.isEmpty()) {
      return null;
    }
    return new java.util.ArrayList<>(SharingWire.decodeApplication(value.get()));
  }

  private static @Nullable List<byte[]> arguments(ContractContext context, int count) {
    try {
      return Args.decode(context.args(), count);
    } catch (EncodingException e) {
      return null;
    }
  }

  private static Outcome ok(String status) {
    return Outcome.accepted(
        Args.encode(SharingWire.ascii(SharingWire.OK), SharingWire.ascii(status)));
  }

  private static Outcome notAllowed() {
    return Outcome.rejected(NOT_ALLOWED, "The signer's role may not call this method.");
  }

  private static Outcome malformed() {
    return Outcome.rejected(
        MALFORMED_ARGUMENTS, "The arguments are not encoded the way this method expects.");
  }

  private static Outcome badRef() {
    return Outcome.rejected(
        BAD_REF, "A reference must be 1 to 64 letters, digits, underscores or hyphens.");
  }

  private static Outcome badHash() {
    return Outcome.rejected(BAD_HASH, "A commitment or hash must be exactly 32 bytes.");
  }

  private static Outcome unknownApplication() {
    return Outcome.rejected(UNKNOWN_APPLICATION, "No application with this reference is recorded.");
  }

  private static Outcome wrongStatus() {
    return Outcome.rejected(WRONG_STATUS, "The application's status does not allow this change.");
  }
}
