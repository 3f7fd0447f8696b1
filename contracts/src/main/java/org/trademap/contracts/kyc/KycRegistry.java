package org.trademap.contracts.kyc;

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
 * The KYC registry, version 1: the consortium's "new registration of personal information" and the
 * history of its common checks (JPX §6.2 records 1 and 2).
 *
 * <p>It stores only an opaque subject reference and a salted 32-byte commitment to the subject's
 * personal data, never the data itself. Methods (build their arguments with {@link
 * KycRegistryCalls}):
 *
 * <ul>
 *   <li>{@value #REGISTER}{@code (subjectRef, commitment)} — registers a new subject; emits {@value
 *       #SUBJECT_REGISTERED}; returns the commitment revision, 1.
 *   <li>{@value #RECORD_CHECK}{@code (subjectRef, process, result, operatorPseudonym,
 *       completedAtMillis)} — appends a completed check to the subject's history; emits {@value
 *       #CHECK_RECORDED}; returns the check's sequence number (1 for the first check).
 *   <li>{@value #UPDATE_COMMITMENT}{@code (subjectRef, newCommitment)} — the subject's personal
 *       data changed; emits {@value #COMMITMENT_UPDATED}; returns the new commitment revision.
 *   <li>{@value #RECORD_KEY}{@code (subjectRef, keyCommitment, revision)} — the commitment to the
 *       subject's KYC key (a secret the subject holds after approval), replacing and so revoking
 *       the previous one; revision 1 for the first key, one more for each re-issue; 32 zero bytes
 *       mean "no valid key" (revoked without a successor). Emits {@value #KEY_RECORDED}; returns
 *       the revision. Added after the first three; their behaviour is unchanged, and the key record
 *       lives under keys of its own so no earlier state changes shape.
 * </ul>
 *
 * Every accepted call returns one 8-byte big-endian number ({@link KycRegistryRecords#number}).
 *
 * <p>Rules are checked in this order, and all of them before anything is written: the signer's role
 * must be {@value #CONSORTIUM_ROLE}; the method must exist; the arguments must have the right count
 * and number fields 8 bytes; each field must be well formed; finally the rules that depend on the
 * stored state. A broken rule is an {@link Outcome.Rejected} with one of the stable codes below and
 * one plain sentence that never repeats the caller's input.
 *
 * <p>The class is deterministic: it reads only its {@link ContractContext} and uses plain loops,
 * arrays and constant strings.
 */
public final class KycRegistry implements Contract {

  /** The contract id. */
  public static final String ID = "kyc-registry";

  /** The version this class implements. */
  public static final int VERSION = 1;

  /** The only member role that may call the registry. */
  public static final String CONSORTIUM_ROLE = "consortium";

  /** Method: register a new subject. */
  public static final String REGISTER = "register";

  /** Method: record a completed check. */
  public static final String RECORD_CHECK = "record-check";

  /** Method: replace a subject's commitment. */
  public static final String UPDATE_COMMITMENT = "update-commitment";

  /** Method: record the commitment to a subject's KYC key. */
  public static final String RECORD_KEY = "record-key";

  /** Event emitted by {@value #REGISTER}. */
  public static final String SUBJECT_REGISTERED = "subject-registered";

  /** Event emitted by {@value #RECORD_CHECK}. */
  public static final String CHECK_RECORDED = "check-recorded";

  /** Event emitted by {@value #UPDATE_COMMITMENT}. */
  public static final String COMMITMENT_UPDATED = "commitment-updated";

  /** Event emitted by {@value #RECORD_KEY}. */
  public static final String KEY_RECORDED = "key-recorded";

  /** The signer's member does not have the consortium role. */
  public static final String NOT_CONSORTIUM = "kyc.not-consortium";

  /** The method is not one of the registry's. */
  public static final String UNKNOWN_METHOD = "kyc.unknown-method";

  /** Wrong argument count, not the {@link Args} encoding, or a number field not 8 bytes. */
  public static final String MALFORMED_ARGUMENTS = "kyc.malformed-arguments";

  /** The subject reference is already registered. */
  public static final String SUBJECT_EXISTS = "kyc.subject-exists";

  /** No subject with the reference is registered. */
  public static final String UNKNOWN_SUBJECT = "kyc.unknown-subject";

  /** The commitment is not 32 bytes. */
  public static final String BAD_COMMITMENT = "kyc.bad-commitment";

  /** The subject reference is not 1–64 characters of {@code [A-Za-z0-9_-]}. */
  public static final String BAD_SUBJECT_REF = "kyc.bad-subject-ref";

  /** The check process is not a known one. */
  public static final String UNKNOWN_PROCESS = "kyc.unknown-process";

  /** The check result is not a known one. */
  public static final String UNKNOWN_RESULT = "kyc.unknown-result";

  /** The operator pseudonym is not 1–64 characters of {@code [A-Za-z0-9_-]}. */
  public static final String BAD_OPERATOR = "kyc.bad-operator";

  /** The check's completion time is after the block time. */
  public static final String COMPLETED_IN_FUTURE = "kyc.completed-in-future";

  /** The check's completion time is before the subject's registration. */
  public static final String COMPLETED_BEFORE_REGISTRATION = "kyc.completed-before-registration";

  /** The new commitment equals the current one. */
  public static final String SAME_COMMITMENT = "kyc.same-commitment";

  /** The key revision is not one more than the subject's current key revision. */
  public static final String WRONG_KEY_REVISION = "kyc.wrong-key-revision";

  /** Creates the contract; {@link java.util.ServiceLoader} uses this constructor. */
  public KycRegistry() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public Outcome invoke(ContractContext context) {
    if (!CONSORTIUM_ROLE.equals(context.signerRole())) {
      return Outcome.rejected(
          NOT_CONSORTIUM, "Only members of the consortium may write to the KYC registry.");
    }
    String method = context.method();
    if (REGISTER.equals(method)) {
      return register(context);
    }
    if (RECORD_CHECK.equals(method)) {
      return recordCheck(context);
    }
    if (UPDATE_COMMITMENT.equals(method)) {
      return updateCommitment(context);
    }
    if (RECORD_KEY.equals(method)) {
      return recordKey(context);
    }
    return Outcome.rejected(UNKNOWN_METHOD, "The KYC registry has no method of that name.");
  }

  private static Outcome register(ContractContext context) {
    List<byte[]> args = arguments(context, 2);
    if (args == null) {
      return malformed();
    }
    byte[] subjectRef = args.get(0);
    byte[] commitment = args.get(1);
    if (!Wire.isPseudonym(subjectRef)) {
      return badSubjectRef();
    }
    if (commitment.length != Wire.COMMITMENT_SIZE) {
      return badCommitment();
    }
    byte[] key = Wire.subjectKey(subjectRef);
    if (context.get(key).isPresent()) {
      return Outcome.rejected(
          SUBJECT_EXISTS, "A subject with this reference is already registered.");
    }
    long now = context.blockTimeMillis();
    SubjectState subject = new SubjectState(subjectRef, commitment, now, 1, now, 0);
    context.put(key, subject.encode());
    context.emit(SUBJECT_REGISTERED, Args.encode(subjectRef, commitment, Wire.longBytes(now)));
    return Outcome.accepted(Wire.longBytes(subject.commitmentRevision));
  }

  private static Outcome recordCheck(ContractContext context) {
    List<byte[]> args = arguments(context, 5);
    if (args == null || args.get(4).length != Wire.LONG_SIZE) {
      return malformed();
    }
    byte[] subjectRef = args.get(0);
    String process = Wire.process(args.get(1));
    String result = Wire.result(args.get(2));
    byte[] operator = args.get(3);
    long completedAt = Wire.readLong(args.get(4));
    if (!Wire.isPseudonym(subjectRef)) {
      return badSubjectRef();
    }
    if (process == null) {
      return Outcome.rejected(
          UNKNOWN_PROCESS, "The check process is not one the KYC registry knows.");
    }
    if (result == null) {
      return Outcome.rejected(
          UNKNOWN_RESULT, "A check result must be passed, failed or needs-information.");
    }
    if (!Wire.isPseudonym(operator)) {
      return Outcome.rejected(
          BAD_OPERATOR,
          "An operator pseudonym must be 1 to 64 letters, digits, underscores or hyphens.");
    }
    if (completedAt > context.blockTimeMillis()) {
      return Outcome.rejected(
          COMPLETED_IN_FUTURE, "A check cannot be completed after the block that records it.");
    }
    byte[] subjectKey = Wire.subjectKey(subjectRef);
    Optional<byte[]> stored = context.get(subjectKey);
    if (stored.isEmpty()) {
      return unknownSubject();
    }
    SubjectState subject = SubjectState.decode(stored.get());
    if (completedAt < subject.registeredAtMillis) {
      return Outcome.rejected(
          COMPLETED_BEFORE_REGISTRATION,
          "A check cannot be completed before the subject was registered.");
    }
    long sequence = subject.checkCount + 1;
    byte[] check =
        Args.encode(
            subjectRef,
            Wire.longBytes(sequence),
            Wire.ascii(process),
            Wire.ascii(result),
            operator,
            Wire.longBytes(completedAt),
            Wire.longBytes(context.blockTimeMillis()));
    context.put(Wire.checkKey(subjectRef, sequence), check);
    context.put(subjectKey, subject.withCheckCount(sequence).encode());
    context.emit(CHECK_RECORDED, check);
    return Outcome.accepted(Wire.longBytes(sequence));
  }

  private static Outcome updateCommitment(ContractContext context) {
    List<byte[]> args = arguments(context, 2);
    if (args == null) {
      return malformed();
    }
    byte[] subjectRef = args.get(0);
    byte[] newCommitment = args.get(1);
    if (!Wire.isPseudonym(subjectRef)) {
      return badSubjectRef();
    }
    if (newCommitment.length != Wire.COMMITMENT_SIZE) {
      return badCommitment();
    }
    byte[] key = Wire.subjectKey(subjectRef);
    Optional<byte[]> stored = context.get(key);
    if (stored.isEmpty()) {
      return unknownSubject();
    }
    SubjectState subject = SubjectState.decode(stored.get());
    if (Arrays.equals(subject.commitment, newCommitment)) {
      return Outcome.rejected(
          SAME_COMMITMENT, "The new commitment must differ from the current one.");
    }
    long now = context.blockTimeMillis();
    SubjectState updated = subject.withCommitment(newCommitment, now);
    context.put(key, updated.encode());
    context.emit(
        COMMITMENT_UPDATED,
        Args.encode(
            subjectRef,
            subject.commitment,
            newCommitment,
            Wire.longBytes(updated.commitmentRevision),
            Wire.longBytes(now)));
    return Outcome.accepted(Wire.longBytes(updated.commitmentRevision));
  }

  private static Outcome recordKey(ContractContext context) {
    List<byte[]> args = arguments(context, 3);
    if (args == null || args.get(2).length != Wire.LONG_SIZE) {
      return malformed();
    }
    byte[] subjectRef = args.get(0);
    byte[] keyCommitment = args.get(1);
    long revision = Wire.readLong(args.get(2));
    if (!Wire.isPseudonym(subjectRef)) {
      return badSubjectRef();
    }
    if (keyCommitment.length != Wire.COMMITMENT_SIZE) {
      return badCommitment();
    }
    if (context.get(Wire.subjectKey(subjectRef)).isEmpty()) {
      return unknownSubject();
    }
    byte[] keyKey = Wire.keyKey(subjectRef);
    Optional<byte[]> current = context.get(keyKey);
    long currentRevision = current.isEmpty() ? 0 : Wire.storedKeyRevision(current.get());
    if (revision != currentRevision + 1) {
      return Outcome.rejected(
          WRONG_KEY_REVISION,
          "A key revision must be one more than the subject's current key revision.");
    }
    byte[] record =
        Args.encode(
            subjectRef,
            keyCommitment,
            Wire.longBytes(revision),
            Wire.longBytes(context.blockTimeMillis()));
    context.put(keyKey, record);
    context.emit(KEY_RECORDED, record);
    return Outcome.accepted(Wire.longBytes(revision));
  }

  /** The decoded arguments, or null if they are not exactly {@code count} {@link Args} fields. */
  private static @Nullable List<byte[]> arguments(ContractContext context, int count) {
    try {
      return Args.decode(context.args(), count);
    } catch (EncodingException e) {
      return null;
    }
  }

  private static Outcome malformed() {
    return Outcome.rejected(
        MALFORMED_ARGUMENTS, "The arguments are not encoded the way this method expects.");
  }

  private static Outcome badSubjectRef() {
    return Outcome.rejected(
        BAD_SUBJECT_REF,
        "A subject reference must be 1 to 64 letters, digits, underscores or hyphens.");
  }

  private static Outcome badCommitment() {
    return Outcome.rejected(BAD_COMMITMENT, "A commitment must be exactly 32 bytes.");
  }

  private static Outcome unknownSubject() {
    return Outcome.rejected(UNKNOWN_SUBJECT, "No subject with this reference is registered.");
  }
}
