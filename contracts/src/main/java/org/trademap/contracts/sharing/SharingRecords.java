package org.trademap.contracts.sharing;

import java.util.List;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;

/**
 * Reads what the sharing contract stores, returns and emits: the key of an application, the stored
 * application record, the value of an accepted call and the arguments of a recorded call.
 */
public final class SharingRecords {

  private SharingRecords() {}

  /**
   * An application as the ledger holds it.
   *
   * @param applicationRef the application's reference
   * @param subjectRef the KYC registry's subject reference
   * @param recipientCommitment the salted commitment to the designated company
   * @param purpose what the person consented to
   * @param consentVersion the version of the consent text
   * @param status {@code applied}, {@code shared}, {@code approved}, {@code rejected} or {@code
   *     withdrawn}
   * @param packageHash SHA-256 of the sealed package, 32 zero bytes until shared
   * @param appliedAtMillis block time of the application
   * @param updatedAtMillis block time of the last status change
   * @param transitions how many status changes so far (1 after the application)
   * @param refusedShares how many shares the contract refused (alerts)
   */
  public record Application(
      String applicationRef,
      String subjectRef,
      byte[] recipientCommitment,
      String purpose,
      String consentVersion,
      String status,
      byte[] packageHash,
      long appliedAtMillis,
      long updatedAtMillis,
      long transitions,
      long refusedShares) {
    /** Copies the arrays. */
    public Application {
      recipientCommitment = recipientCommitment.clone();
      packageHash = packageHash.clone();
    }

    @Override
    public byte[] recipientCommitment() {
      return recipientCommitment.clone();
    }

    @Override
    public byte[] packageHash() {
      return packageHash.clone();
    }
  }

  /**
   * The value of an accepted call.
   *
   * @param refused true if the call was a refused share (an alert), false if it took effect
   * @param detail the new status, or the refusal's code
   */
  public record Result(boolean refused, String detail) {}

  /**
   * The arguments of a recorded {@value SharingRegistry#SHARE} call.
   *
   * @param applicationRef the application
   * @param recipientCommitment the recipient it names
   * @param packageHash the SHA-256 of the sealed package
   */
  public record Share(String applicationRef, byte[] recipientCommitment, byte[] packageHash) {
    /** Copies the arrays. */
    public Share {
      recipientCommitment = recipientCommitment.clone();
      packageHash = packageHash.clone();
    }

    @Override
    public byte[] recipientCommitment() {
      return recipientCommitment.clone();
    }

    @Override
    public byte[] packageHash() {
      return packageHash.clone();
    }
  }

  /** The key of an application's record in the contract's key space. */
  public static byte[] applicationKey(String applicationRef) {
    byte[] ref = SharingWire.ascii(applicationRef);
    if (!SharingWire.isRef(ref)) {
      throw new IllegalArgumentException("a reference is 1 to 64 characters of [A-Za-z0-9_-]");
    }
    return SharingWire.applicationKey(ref);
  }

  /**
   * Decodes a stored application record.
   *
   * @throws EncodingException if the bytes are not one
   */
  public static Application decodeApplication(byte[] value) {
    List<byte[]> f = SharingWire.decodeApplication(value);
    return new Application(
        SharingWire.ascii(f.get(0)),
        SharingWire.ascii(f.get(1)),
        f.get(2),
        SharingWire.ascii(f.get(3)),
        SharingWire.ascii(f.get(4)),
        SharingWire.ascii(f.get(5)),
        f.get(6),
        SharingWire.readLong(f.get(7)),
        SharingWire.readLong(f.get(8)),
        SharingWire.readLong(f.get(9)),
        SharingWire.readLong(f.get(10)));
  }

  /**
   * Decodes the value of an accepted call.
   *
   * @throws EncodingException if the bytes are not one
   */
  public static Result decodeResult(byte[] value) {
    List<byte[]> f = Args.decode(value, 2);
    String word = SharingWire.ascii(f.get(0));
    if (!word.equals(SharingWire.OK) && !word.equals(SharingWire.REFUSED)) {
      throw new EncodingException("not a sharing result");
    }
    return new Result(word.equals(SharingWire.REFUSED), SharingWire.ascii(f.get(1)));
  }

  /**
   * Decodes the arguments of a {@value SharingRegistry#SHARE} call.
   *
   * @throws EncodingException if the bytes are not its arguments
   */
  public static Share decodeShare(byte[] args) {
    List<byte[]> f = Args.decode(args, 3);
    if (f.get(1).length != SharingWire.HASH_SIZE || f.get(2).length != SharingWire.HASH_SIZE) {
      throw new EncodingException("a commitment or hash is not 32 bytes");
    }
    return new Share(SharingWire.ascii(f.get(0)), f.get(1), f.get(2));
  }
}
