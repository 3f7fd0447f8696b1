package org.trademap.server.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts personal data at rest and computes the commitments the ledger stores instead of it.
 *
 * <p>Envelope encryption: every subject gets a random 256-bit data key and a random 256-bit salt
 * the first time the vault seals or commits anything for it. Both are wrapped together with
 * AES-256-GCM under the key-encryption key (KEK) from configuration, the subject id and the KEK's
 * id being the additional authenticated data, and stored in {@code vault_subject_key}. Data is
 * sealed with AES-256-GCM under the data key with a fresh random 96-bit nonce; the additional
 * authenticated data binds the subject and the purpose (the field or kind of document), so a
 * ciphertext that is changed, or moved to another subject or field, is refused.
 *
 * <p>Why AES-GCM and not AES Key Wrap (RFC 3394/5649) for the data keys: Key Wrap has no associated
 * data, so it cannot bind a wrapped key to its subject; GCM can, it is the primitive the vault
 * already uses, and one random-nonce wrap per subject stays far from GCM's limits.
 *
 * <p>A sealed value is {@code 0x01 || nonce (12) || ciphertext || tag (16)}: 29 bytes more than the
 * plaintext. The vault joins the caller's Spring transaction on the same {@link DataSource}.
 * Thread-safe.
 */
public final class Vault {

  /** The first byte of every sealed value: the format version. */
  static final byte FORMAT = 1;

  /** Bytes a sealed value adds to its plaintext. */
  public static final int OVERHEAD = 1 + Aead.NONCE_BYTES + Aead.TAG_BYTES;

  static final int DATA_KEY_BYTES = 32;
  static final int SALT_BYTES = 32;
  private static final Pattern PURPOSE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private final VaultStore store;
  private final TransactionTemplate transactions;
  private final Aead aead;
  private final SecureRandom random;
  private final Clock clock;
  // Rotation swaps the KEK under the write lock; everything else reads it under the read lock.
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private VaultKeys keys;

  private Vault(DataSource dataSource, VaultKeys keys, Clock clock, SecureRandom random) {
    this.store = new VaultStore(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.random = random;
    this.aead = new Aead(random);
    this.clock = clock;
    this.keys = keys;
  }

  /**
   * Opens the vault on a database migrated by Flyway.
   *
   * @throws VaultKeyException if the database holds data keys wrapped by another KEK
   */
  public static Vault open(DataSource dataSource, VaultKeys keys, Clock clock) {
    return open(dataSource, keys, clock, new SecureRandom());
  }

  static Vault open(DataSource dataSource, VaultKeys keys, Clock clock, SecureRandom random) {
    Vault vault = new Vault(dataSource, keys, clock, random);
    List<String> foreign =
        vault.store.kekIds().stream().filter(id -> !id.equals(keys.kekId())).toList();
    if (!foreign.isEmpty()) {
      throw new VaultKeyException(
          "The personal-data vault holds data keys wrapped by key-encryption key "
              + String.join(", ", foreign)
              + ", but the configured key is "
              + keys.kekId()
              + ". Configure the key that wrapped them (trademap.vault.*): without it the stored"
              + " personal data cannot be decrypted.");
    }
    return vault;
  }

  /** Whether the database holds any data key that needs a KEK to unwrap. */
  static boolean holdsWrappedKeys(DataSource dataSource) {
    return !new VaultStore(dataSource).kekIds().isEmpty();
  }

  /** The public fingerprint of the KEK in use (never the key). */
  public String kekId() {
    lock.readLock().lock();
    try {
      return keys.kekId();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Seals {@code plaintext} for {@code subject} and {@code purpose}, creating the subject's data
   * key on first use.
   *
   * @param purpose what the data is, e.g. {@code person.name} or {@code document.image}: 1 to 100
   *     characters of {@code [A-Za-z0-9._:-]}; decryption must name the same purpose
   * @throws IllegalStateException if the subject was shredded (its data must not be stored again)
   *     or its stored key is damaged
   */
  public byte[] encrypt(SubjectId subject, String purpose, byte[] plaintext) {
    byte[] aad = dataAad(subject, purpose);
    lock.readLock().lock();
    try {
      SubjectKeys subjectKeys = liveKeys(subject, stored(subject));
      byte[] sealed = aead.seal(subjectKeys.dataKey(), aad, plaintext);
      byte[] out = new byte[1 + sealed.length];
      out[0] = FORMAT;
      System.arraycopy(sealed, 0, out, 1, sealed.length);
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Opens a value sealed by {@link #encrypt} for the same subject and purpose.
   *
   * @return the plaintext; {@link Decrypted.Shredded} if the subject's key was destroyed; {@link
   *     Decrypted.Tampered} if the value was not sealed for this subject and purpose or was changed
   */
  public Decrypted decrypt(SubjectId subject, String purpose, byte[] sealed) {
    byte[] aad = dataAad(subject, purpose);
    lock.readLock().lock();
    try {
      return switch (stored(subject)) {
        case KeyState.Absent() -> new Decrypted.Tampered();
        case KeyState.Damaged() -> new Decrypted.Tampered();
        case KeyState.Shredded(Instant at) -> new Decrypted.Shredded(at);
        case KeyState.Live(SubjectKeys subjectKeys) -> {
          if (sealed.length < OVERHEAD || sealed[0] != FORMAT) {
            yield new Decrypted.Tampered();
          }
          Optional<byte[]> plaintext =
              aead.open(subjectKeys.dataKey(), aad, Arrays.copyOfRange(sealed, 1, sealed.length));
          yield plaintext
              .<Decrypted>map(Decrypted.Plaintext::new)
              .orElseGet(Decrypted.Tampered::new);
        }
      };
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The commitment the ledger stores for the subject: HMAC-SHA256 keyed by the pepper over {@code
   * salt || canonicalFields}, with the subject's random 32-byte salt (created on first use).
   *
   * @param canonicalFields the subject's personal data in a canonical encoding (NFC, fixed order);
   *     the caller defines it
   * @return 32 bytes; empty if the subject was shredded, since its salt is gone
   * @throws IllegalStateException if the subject's stored key is damaged
   */
  public Optional<byte[]> commitment(SubjectId subject, byte[] canonicalFields) {
    lock.readLock().lock();
    try {
      KeyState state = stored(subject);
      if (state instanceof KeyState.Shredded) {
        return Optional.empty();
      }
      SubjectKeys subjectKeys = liveKeys(subject, state);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.pepper(), "HmacSHA256"));
      mac.update(subjectKeys.salt());
      return Optional.of(mac.doFinal(canonicalFields));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Crypto-shredding: destroys the subject's data key and salt. Afterwards everything sealed for
   * the subject decrypts to {@link Decrypted.Shredded}, its commitment cannot be computed, and
   * {@link #encrypt} refuses the subject. Whether erasure is allowed yet (retention periods) is the
   * caller's decision.
   *
   * <p>Copies of the wrapped key may survive in database pages, write-ahead logs and backups until
   * they are overwritten; they stay unreadable only while the KEK that wrapped them is secret, so
   * rotate the KEK ({@link #rewrapAll}) and destroy the old one to make shredding final there too.
   *
   * @return true if this call destroyed the key, false if the subject had been shredded before
   */
  public boolean shred(SubjectId subject) {
    lock.readLock().lock();
    try {
      return store.shred(subject, clock.instant());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** When the subject was shredded, if it was. */
  public Optional<Instant> shreddedAt(SubjectId subject) {
    lock.readLock().lock();
    try {
      return stored(subject) instanceof KeyState.Shredded(Instant at)
          ? Optional.of(at)
          : Optional.empty();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * KEK rotation: re-wraps every stored data key under {@code newKek} in one transaction and uses
   * it from then on. Configure the new KEK before the next start (the old one no longer opens the
   * vault), then destroy the old one.
   *
   * @return how many data keys were re-wrapped
   * @throws IllegalStateException if a stored key fails authentication under the current KEK
   *     (nothing is changed then)
   */
  public int rewrapAll(SecretKey newKek) {
    lock.writeLock().lock();
    try {
      VaultKeys next = keys.withKek(newKek);
      String oldId = keys.kekId();
      String newId = next.kekId();
      if (oldId.equals(newId)) {
        return 0;
      }
      Integer count =
          transactions.execute(
              status -> {
                int n = 0;
                for (VaultStore.Row row : store.wrappedBy(oldId)) {
                  SubjectKeys subjectKeys =
                      unwrap(keys, row)
                          .orElseThrow(
                              () ->
                                  new IllegalStateException(
                                      "the stored data key of subject "
                                          + row.subject()
                                          + " fails authentication; nothing was re-wrapped"));
                  if (!store.rewrap(
                      row.subject(), oldId, newId, wrap(next, row.subject(), subjectKeys))) {
                    throw new IllegalStateException(
                        "the data key of subject " + row.subject() + " changed during rotation");
                  }
                  n++;
                }
                return n;
              });
      keys = next;
      return count == null ? 0 : count;
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- key handling (callers hold the read or write lock)

  /** A subject's unwrapped data key and salt. */
  private record SubjectKeys(SecretKey dataKey, byte[] salt) {}

  private sealed interface KeyState {
    record Absent() implements KeyState {}

    record Live(SubjectKeys keys) implements KeyState {}

    record Shredded(Instant at) implements KeyState {}

    record Damaged() implements KeyState {}
  }

  private KeyState stored(SubjectId subject) {
    Optional<VaultStore.Row> found = store.find(subject);
    if (found.isEmpty()) {
      return new KeyState.Absent();
    }
    VaultStore.Row row = found.get();
    Instant shreddedAt = row.shreddedAt();
    if (shreddedAt != null) {
      return new KeyState.Shredded(shreddedAt);
    }
    if (!keys.kekId().equals(row.kekId())) {
      throw new IllegalStateException(
          "the data key of subject "
              + subject
              + " is wrapped by key-encryption key "
              + row.kekId()
              + ", not by the configured "
              + keys.kekId());
    }
    return unwrap(keys, row).<KeyState>map(KeyState.Live::new).orElseGet(KeyState.Damaged::new);
  }

  /** The subject's keys from its stored {@code state}, created if it has none yet. */
  private SubjectKeys liveKeys(SubjectId subject, KeyState state) {
    if (state instanceof KeyState.Absent) {
      byte[] material = new byte[DATA_KEY_BYTES + SALT_BYTES];
      random.nextBytes(material);
      SubjectKeys created =
          new SubjectKeys(
              new SecretKeySpec(material, 0, DATA_KEY_BYTES, "AES"),
              Arrays.copyOfRange(material, DATA_KEY_BYTES, material.length));
      Arrays.fill(material, (byte) 0);
      store.insertIfAbsent(subject, keys.kekId(), wrap(keys, subject, created), clock.instant());
      // Another thread may have created (or shredded) it first: the stored row wins.
      state = stored(subject);
    }
    return switch (state) {
      case KeyState.Live(SubjectKeys subjectKeys) -> subjectKeys;
      case KeyState.Shredded s ->
          throw new IllegalStateException(
              "subject " + subject + " was shredded; its personal data must not be stored again");
      case KeyState.Damaged d ->
          throw new IllegalStateException(
              "the stored data key of subject " + subject + " fails authentication");
      case KeyState.Absent a ->
          throw new IllegalStateException("the data key of subject " + subject + " was not stored");
    };
  }

  private byte[] wrap(VaultKeys with, SubjectId subject, SubjectKeys subjectKeys) {
    byte[] material = new byte[DATA_KEY_BYTES + SALT_BYTES];
    byte[] dataKey = subjectKeys.dataKey().getEncoded();
    System.arraycopy(dataKey, 0, material, 0, DATA_KEY_BYTES);
    System.arraycopy(subjectKeys.salt(), 0, material, DATA_KEY_BYTES, SALT_BYTES);
    try {
      return aead.seal(with.kek(), wrapAad(subject, with.kekId()), material);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
      Arrays.fill(material, (byte) 0);
    }
  }

  private Optional<SubjectKeys> unwrap(VaultKeys with, VaultStore.Row row) {
    byte[] wrapped = row.wrappedKey();
    if (wrapped == null) {
      return Optional.empty();
    }
    return aead.open(with.kek(), wrapAad(row.subject(), with.kekId()), wrapped)
        .filter(material -> material.length == DATA_KEY_BYTES + SALT_BYTES)
        .map(
            material -> {
              SubjectKeys subjectKeys =
                  new SubjectKeys(
                      new SecretKeySpec(material, 0, DATA_KEY_BYTES, "AES"),
                      Arrays.copyOfRange(material, DATA_KEY_BYTES, material.length));
              Arrays.fill(material, (byte) 0);
              return subjectKeys;
            });
  }

  private static byte[] dataAad(SubjectId subject, String purpose) {
    if (!PURPOSE.matcher(purpose).matches()) {
      throw new IllegalArgumentException(
          "a purpose is 1 to 100 characters of [A-Za-z0-9._:-], not " + purpose);
    }
    return label("trademap.vault.data/1|", subject, purpose);
  }

  private static byte[] wrapAad(SubjectId subject, String kekId) {
    return label("trademap.vault.dek/1|", subject, kekId);
  }

  private static byte[] label(String prefix, SubjectId subject, String suffix) {
    byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] tail = suffix.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(head.length + 16 + 1 + tail.length)
        .put(head)
        .putLong(subject.value().getMostSignificantBits())
        .putLong(subject.value().getLeastSignificantBits())
        .put((byte) '|')
        .put(tail)
        .array();
  }
}
