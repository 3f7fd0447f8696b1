package org.trademap.server.checks.screening;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The screening lists: imports of the UN and OFAC lists from their configured locations, the
 * operators' edits of the ASF and PEP lists, their versions, and the in-memory index of the newest
 * version of each (ADR 0017).
 *
 * <p>Every import or edit that changes a list stores a new {@link ListVersion} with all its
 * entries, indexes it and then publishes {@link ScreeningListChanged}. An import whose content has
 * the hash of the newest version stores nothing. A file that cannot be read or parsed changes
 * nothing. Changes are serialised; screening reads an immutable snapshot and never waits for them.
 */
@Service
public final class ScreeningLists {
  private static final Logger log = LoggerFactory.getLogger(ScreeningLists.class);
  private static final int MAX_NAME = 300;
  private static final int MAX_ALIASES = 20;
  private static final int MAX_NOTE = 1_000;

  private final ListRepository repository;
  private final ScreeningProperties properties;
  private final ListFetcher fetcher;
  private final TransactionTemplate transaction;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ReentrantLock changes = new ReentrantLock();
  private volatile @Nullable ListSnapshot snapshot;

  @Autowired
  ScreeningLists(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      ScreeningProperties properties,
      ApplicationEventPublisher events,
      ObjectProvider<Clock> clock) {
    this(dataSource, transactions, properties, events, clock.getIfUnique(Clock::systemUTC));
  }

  /** For tests: lists in the given database, announcing changes to {@code events}. */
  public ScreeningLists(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      ScreeningProperties properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.repository = new ListRepository(dataSource);
    this.properties = properties;
    this.fetcher = new ListFetcher(properties.fetchTimeout(), properties.maxFileSize().toBytes());
    this.transaction = new TransactionTemplate(transactions);
    this.events = events;
    this.clock = clock;
  }

  /** Loads the index and imports the lists that have no version yet (if configured to). */
  @EventListener(ApplicationReadyEvent.class)
  void start() {
    snapshot();
    if (!properties.importOnStart()) {
      return;
    }
    for (ListSource source : ListSource.values()) {
      if (source.imported() && repository.latest(source).isEmpty()) {
        ImportOutcome outcome = importList(source, null);
        if (outcome instanceof ImportOutcome.Failed failed) {
          log.warn("start-up import of the {} list failed: {}", source, failed.detail());
        }
      }
    }
  }

  /** The newest version of every list, indexed; loaded from the database on first use. */
  ListSnapshot snapshot() {
    ListSnapshot current = snapshot;
    if (current != null) {
      return current;
    }
    changes.lock();
    try {
      current = snapshot;
      if (current == null) {
        current = ListSnapshot.empty();
        for (ListSource source : ListSource.values()) {
          Optional<ListVersion> latest = repository.latest(source);
          if (latest.isPresent()) {
            current =
                current.with(source, index(latest.get(), repository.entries(latest.get().id())));
          }
        }
        snapshot = current;
        log.info("screening lists loaded: {}", describe(current.versions()));
      }
      return current;
    } finally {
      changes.unlock();
    }
  }

  private static ScreeningIndex index(ListVersion version, List<ListEntry> entries) {
    return ScreeningIndex.build(List.of(new ScreeningIndex.Loaded(version, entries)));
  }

  private static String describe(Map<ListSource, ListVersion> versions) {
    List<String> parts = new ArrayList<>();
    versions.forEach(
        (source, v) -> parts.add(source + " v" + v.id() + " (" + v.entryCount() + " entries)"));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** The newest version of every list that has one. */
  public Map<ListSource, ListVersion> current() {
    return snapshot().versions();
  }

  /** Every version of the list, newest first. */
  public List<ListVersion> versions(ListSource source) {
    return repository.versions(source);
  }

  /** The entries of the list's newest version, in key order. */
  public List<ListEntry> entries(ListSource source) {
    return snapshot().entries(source).stream()
        .sorted(Comparator.comparing(ListEntry::key))
        .toList();
  }

  /** The entries of one version (an old one too), in key order. */
  public List<ListEntry> entries(long versionId) {
    return repository.entries(versionId);
  }

  /** One entry of one version. */
  public Optional<ListEntry> entry(long versionId, String key) {
    return repository.entry(versionId, key);
  }

  /**
   * Imports the UN or OFAC list from its configured location(s).
   *
   * @param by the operator's account, or null for the server itself
   */
  public ImportOutcome importList(ListSource source, @Nullable UUID by) {
    if (!source.imported()) {
      return new ImportOutcome.Failed(
          "screening.list-not-importable", "the " + source + " list is edited by operators");
    }
    List<String> origins = new ArrayList<>();
    List<byte[]> files = new ArrayList<>();
    try {
      if (source == ListSource.UN) {
        origins.add(properties.un().location());
        files.add(fetcher.fetch(properties.un().location()));
      } else {
        ScreeningProperties.Ofac ofac = properties.ofac();
        for (String location : List.of(ofac.sdn(), ofac.alt(), ofac.add(), ofac.comments())) {
          origins.add(location);
          files.add(location.isBlank() ? new byte[0] : fetcher.fetch(location));
        }
      }
    } catch (ListFetcher.FetchException e) {
      log.warn("import of the {} list: cannot read {}", source, e.detail());
      return new ImportOutcome.Failed("screening.list-unreadable", e.detail());
    }
    String origin = String.join(" ", origins.stream().filter(o -> !o.isBlank()).toList());
    return importBytes(source, origin, by, files);
  }

  /** Imports fetched files: the UN XML, or the four OFAC CSV files (empty when left out). */
  ImportOutcome importBytes(
      ListSource source, String origin, @Nullable UUID by, List<byte[]> files) {
    List<ListEntry> entries;
    try {
      entries =
          source == ListSource.UN
              ? UnListParser.parse(files.getFirst())
              : OfacListParser.parse(
                  new OfacListParser.Files(
                      text(files.get(0)),
                      text(files.get(1)),
                      text(files.get(2)),
                      text(files.get(3))));
    } catch (ListFormatException e) {
      log.warn("import of the {} list refused: {}", source, e.detail());
      return new ImportOutcome.Failed("screening.list-malformed", e.detail());
    }
    return store(source, sha256(files), origin, by, entries, true);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private ImportOutcome store(
      ListSource source,
      String sha256,
      String origin,
      @Nullable UUID by,
      List<ListEntry> entries,
      boolean skipUnchanged) {
    ListVersion version;
    changes.lock();
    try {
      ListSnapshot before = snapshot();
      Optional<ListVersion> latest = repository.latest(source);
      if (skipUnchanged && latest.isPresent() && latest.get().sha256().equals(sha256)) {
        log.info("import of the {} list: unchanged (version {})", source, latest.get().id());
        return new ImportOutcome.Unchanged(latest.get());
      }
      version =
          transaction.execute(
              status -> repository.insert(source, clock.instant(), sha256, origin, by, entries));
      if (version == null) {
        throw new IllegalStateException("the list version was not stored");
      }
      snapshot = before.with(source, index(version, entries));
      log.info("{} list version {} stored: {} entries", source, version.id(), version.entryCount());
    } finally {
      changes.unlock();
    }
    events.publishEvent(new ScreeningListChanged(version));
    return new ImportOutcome.Imported(version);
  }

  /** Adds an entry to the ASF or PEP list: a new version. */
  public EditOutcome add(ListSource source, EntryDraft draft, UUID by) {
    if (source.imported()) {
      return new EditOutcome.Refused("screening.list-not-editable", "");
    }
    Validated checked = validate(source, draft, LocalDate.now(clock));
    EditOutcome.Refused refused = checked.refused();
    if (refused != null) {
      return refused;
    }
    ListEntry entry = checked.entry();
    if (entry == null) {
      throw new IllegalStateException("a valid draft without an entry");
    }
    changes.lock();
    try {
      List<ListEntry> entries = new ArrayList<>(entries(source));
      entries.add(entry);
      return edited(source, entries, by, entry.key());
    } finally {
      changes.unlock();
    }
  }

  /** Removes an entry from the ASF or PEP list: a new version. */
  public EditOutcome remove(ListSource source, String key, UUID by) {
    if (source.imported()) {
      return new EditOutcome.Refused("screening.list-not-editable", "");
    }
    changes.lock();
    try {
      List<ListEntry> entries = new ArrayList<>(entries(source));
      if (!entries.removeIf(e -> e.key().equals(key))) {
        return new EditOutcome.Refused("screening.entry-not-found", "");
      }
      return edited(source, entries, by, key);
    } finally {
      changes.unlock();
    }
  }

  private EditOutcome edited(ListSource source, List<ListEntry> entries, UUID by, String key) {
    entries.sort(Comparator.comparing(ListEntry::key));
    ImportOutcome stored =
        store(source, sha256(List.of(ScreeningJson.entries(entries))), "edit", by, entries, false);
    return switch (stored) {
      case ImportOutcome.Imported imported -> new EditOutcome.Edited(imported.version(), key);
      case ImportOutcome.Unchanged unchanged -> new EditOutcome.Edited(unchanged.version(), key);
      case ImportOutcome.Failed failed -> throw new IllegalStateException(failed.detail());
    };
  }

  /** A draft's entry, or the refusal naming its first invalid field. */
  private record Validated(@Nullable ListEntry entry, EditOutcome.@Nullable Refused refused) {}

  /** The entry of a valid draft, or the refusal naming the first invalid field. */
  private static Validated validate(ListSource source, EntryDraft draft, LocalDate today) {
    EntryKind kind;
    String kindText = draft.kind() == null ? "" : draft.kind().strip().toLowerCase(Locale.ROOT);
    switch (kindText) {
      case "person" -> kind = EntryKind.PERSON;
      case "entity" -> kind = EntryKind.ENTITY;
      default -> {
        return invalid("kind");
      }
    }
    String name = draft.name() == null ? "" : draft.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME || Names.tokens(name, kind).isEmpty()) {
      return invalid("name");
    }
    List<String> aliasNames = draft.aliases() == null ? List.of() : draft.aliases();
    if (aliasNames.size() > MAX_ALIASES) {
      return invalid("aliases");
    }
    List<ListEntry.Alias> aliases = new ArrayList<>();
    for (String alias : aliasNames) {
      String a = alias == null ? "" : alias.strip();
      if (a.isEmpty() || a.length() > MAX_NAME) {
        return invalid("aliases");
      }
      aliases.add(new ListEntry.Alias(a, ListEntry.Quality.STRONG, "a.k.a."));
    }
    List<BirthDate> birthDates = new ArrayList<>();
    String birth = draft.birthDate() == null ? "" : draft.birthDate().strip();
    if (!birth.isEmpty()) {
      if (kind == EntryKind.ENTITY) {
        return invalid("birthDate");
      }
      try {
        BirthDate date = BirthDate.parse(birth);
        if (date instanceof BirthDate.Day day && day.date().isAfter(today)) {
          return invalid("birthDate");
        }
        birthDates.add(date);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        return invalid("birthDate");
      }
    }
    List<String> nationalities = new ArrayList<>();
    String nationality = draft.nationality() == null ? "" : draft.nationality().strip();
    if (!nationality.isEmpty()) {
      Optional<String> code = Countries.code(nationality);
      if (code.isEmpty() || !nationality.matches("[A-Za-z]{2}")) {
        return invalid("nationality");
      }
      nationalities.add(code.get());
    }
    String note = draft.note() == null ? "" : draft.note().strip();
    if (note.length() > MAX_NOTE) {
      return invalid("note");
    }
    String key = source.path() + "-" + UUID.randomUUID();
    ListEntry entry =
        new ListEntry(
            key,
            kind,
            name,
            aliases,
            birthDates,
            nationalities,
            List.of(),
            source == ListSource.PEP ? "PEP" : "ASF",
            note);
    return new Validated(entry, null);
  }

  private static Validated invalid(String field) {
    return new Validated(null, new EditOutcome.Refused("screening.entry-invalid", field));
  }

  /** SHA-256 over the files in order, each preceded by its length. */
  static String sha256(List<byte[]> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] file : files) {
        digest.update(ByteBuffer.allocate(8).putLong(file.length).array());
        digest.update(file);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
