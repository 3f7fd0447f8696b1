package org.trademap.contracts.kyc;

import java.util.List;
import java.util.Optional;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;

/** An event the KYC registry emits, decoded from the bytes a committed block carries. */
public sealed interface KycRegistryEvent {

  /** The subject the event is about. */
  String subjectRef();

  /**
   * A new subject was registered ({@value KycRegistry#SUBJECT_REGISTERED}).
   *
   * @param subjectRef the new subject's reference
   * @param commitment its commitment
   * @param registeredAtMillis block time of the registration
   */
  record SubjectRegistered(String subjectRef, Commitment commitment, long registeredAtMillis)
      implements KycRegistryEvent {
    /** Validates the reference. */
    public SubjectRegistered {
      KycRegistryRecords.requireSubjectRef(subjectRef);
    }
  }

  /**
   * A check was recorded ({@value KycRegistry#CHECK_RECORDED}); the data is the stored record.
   *
   * @param check the recorded check
   */
  record CheckRecorded(CheckRecord check) implements KycRegistryEvent {
    @Override
    public String subjectRef() {
      return check.subjectRef();
    }
  }

  /**
   * A subject's commitment was replaced ({@value KycRegistry#COMMITMENT_UPDATED}), meaning its
   * personal data changed.
   *
   * @param subjectRef the subject
   * @param previous the commitment it replaced
   * @param current the new commitment
   * @param revision the new commitment revision (2 for the first update)
   * @param updatedAtMillis block time of the update
   */
  record CommitmentUpdated(
      String subjectRef,
      Commitment previous,
      Commitment current,
      long revision,
      long updatedAtMillis)
      implements KycRegistryEvent {
    /** Validates the reference and the revision. */
    public CommitmentUpdated {
      KycRegistryRecords.requireSubjectRef(subjectRef);
      if (revision < 2) {
        throw new IllegalArgumentException("an updated commitment has revision 2 or more");
      }
    }
  }

  /**
   * A subject's KYC key commitment was recorded ({@value KycRegistry#KEY_RECORDED}), replacing the
   * previous one; the data is the stored record.
   *
   * @param key the recorded key commitment
   */
  record KeyRecorded(KeyRecord key) implements KycRegistryEvent {
    @Override
    public String subjectRef() {
      return key.subjectRef();
    }
  }

  /**
   * Decodes an event from a block.
   *
   * @return empty if the registry never emits an event of that name
   * @throws EncodingException if the name is the registry's but the data is not its encoding
   */
  static Optional<KycRegistryEvent> decode(ContractEvent event) {
    return decode(event.name(), event.data());
  }

  /**
   * Decodes an event given its name and data.
   *
   * @return empty if the registry never emits an event of that name
   * @throws EncodingException if the name is the registry's but the data is not its encoding
   */
  static Optional<KycRegistryEvent> decode(String name, byte[] data) {
    return switch (name) {
      case KycRegistry.SUBJECT_REGISTERED -> {
        List<byte[]> f = Args.decode(data, 3);
        yield Optional.of(
            KycRegistryRecords.build(
                () ->
                    new SubjectRegistered(
                        KycRegistryRecords.text(f.get(0)),
                        new Commitment(f.get(1)),
                        KycRegistryRecords.number(f.get(2)))));
      }
      case KycRegistry.CHECK_RECORDED ->
          Optional.of(new CheckRecorded(KycRegistryRecords.decodeCheck(data)));
      case KycRegistry.COMMITMENT_UPDATED -> {
        List<byte[]> f = Args.decode(data, 5);
        yield Optional.of(
            KycRegistryRecords.build(
                () ->
                    new CommitmentUpdated(
                        KycRegistryRecords.text(f.get(0)),
                        new Commitment(f.get(1)),
                        new Commitment(f.get(2)),
                        KycRegistryRecords.number(f.get(3)),
                        KycRegistryRecords.number(f.get(4)))));
      }
      case KycRegistry.KEY_RECORDED ->
          Optional.of(new KeyRecorded(KycRegistryRecords.decodeKey(data)));
      default -> Optional.empty();
    };
  }
}
