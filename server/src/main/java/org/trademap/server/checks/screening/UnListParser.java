package org.trademap.server.checks.screening;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.events.XMLEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reads the UN Security Council Consolidated List in its official XML format (schema {@code
 * sc-sanctions.xsd}) with StAX, one {@code INDIVIDUAL} or {@code ENTITY} at a time: names, aliases
 * with their quality, names in the original script, dates of birth (exact, year, approximately,
 * between two years), nationalities and address countries. DTDs and external entities are refused.
 */
final class UnListParser {
  private static final String FILE = "UN list";
  private static final int MAX_NOTE = 2_000;
  private static final Pattern SEMICOLON = Pattern.compile(";");

  private UnListParser() {}

  /**
   * The entries of the list.
   *
   * @throws ListFormatException if the bytes are not well-formed XML of the list's format, hold no
   *     entry, or an entry without a reference number or name, or a reference number twice
   */
  static List<ListEntry> parse(byte[] xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    List<ListEntry> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      reader.nextTag();
      if (!reader.getLocalName().equals("CONSOLIDATED_LIST")) {
        throw new ListFormatException(
            FILE + ": the root element is " + reader.getLocalName() + ", not CONSOLIDATED_LIST");
      }
      while (reader.hasNext()) {
        int event = reader.next();
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = reader.getLocalName();
        if (name.equals("INDIVIDUAL") || name.equals("ENTITY")) {
          int line = reader.getLocation().getLineNumber();
          Node node = Node.read(reader);
          ListEntry entry =
              entry(node, name.equals("INDIVIDUAL") ? EntryKind.PERSON : EntryKind.ENTITY, line);
          if (!keys.add(entry.key())) {
            throw new ListFormatException(
                FILE + " line " + line + ": reference number " + entry.key() + " appears twice");
          }
          entries.add(entry);
        }
      }
    } catch (XMLStreamException e) {
      throw new ListFormatException(FILE + ": not well-formed XML: " + e.getMessage(), e);
    } finally {
      close(reader);
    }
    if (entries.isEmpty()) {
      throw new ListFormatException(FILE + ": no INDIVIDUAL or ENTITY in the file");
    }
    return entries;
  }

  private static void close(@Nullable XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException e) {
        // Nothing is left to read; the bytes are in memory.
      }
    }
  }

  private static ListEntry entry(Node node, EntryKind kind, int line) {
    String key = node.text("REFERENCE_NUMBER");
    if (key.isEmpty()) {
      key = node.text("DATAID");
    }
    if (key.isEmpty() || key.length() > ListEntry.MAX_KEY_LENGTH) {
      throw new ListFormatException(
          FILE + " line " + line + ": an entry without a reference number");
    }
    List<String> parts = new ArrayList<>();
    for (String part : List.of("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")) {
      String text = node.text(part);
      if (!text.isEmpty()) {
        parts.add(text);
      }
    }
    String fullName = String.join(" ", parts);
    List<ListEntry.Alias> aliases = new ArrayList<>();
    String name = fullName;
    if (kind == EntryKind.ENTITY && fullName.contains(";")) {
      // Some entities are listed under several names separated by ";".
      List<String> names = SEMICOLON.splitAsStream(fullName).toList();
      name = names.getFirst().strip();
      for (String other : names.subList(1, names.size())) {
        if (!other.isBlank()) {
          aliases.add(new ListEntry.Alias(other.strip(), ListEntry.Quality.STRONG, "name"));
        }
      }
    }
    if (name.isBlank()) {
      throw new ListFormatException(FILE + " line " + line + ": entry " + key + " has no name");
    }
    String aliasElement = kind == EntryKind.PERSON ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
    for (Node alias : node.children(aliasElement)) {
      String aliasName = alias.text("ALIAS_NAME");
      if (aliasName.isEmpty()) {
        continue;
      }
      String quality = alias.text("QUALITY");
      aliases.add(
          new ListEntry.Alias(
              aliasName,
              quality.equalsIgnoreCase("Low") ? ListEntry.Quality.WEAK : ListEntry.Quality.STRONG,
              quality));
    }
    for (Node original : node.children("NAME_ORIGINAL_SCRIPT")) {
      if (!original.text().isEmpty()) {
        aliases.add(
            new ListEntry.Alias(
                original.text(), ListEntry.Quality.ORIGINAL_SCRIPT, "original script"));
      }
    }
    List<BirthDate> birthDates = new ArrayList<>();
    for (Node date : node.children("INDIVIDUAL_DATE_OF_BIRTH")) {
      BirthDate parsed = birthDate(date);
      if (parsed != null) {
        birthDates.add(parsed);
      }
    }
    Set<String> nationalities = new LinkedHashSet<>();
    for (Node nationality : node.children("NATIONALITY")) {
      for (Node value : nationality.children("VALUE")) {
        Countries.code(value.text()).ifPresent(nationalities::add);
      }
    }
    Set<String> countries = new LinkedHashSet<>();
    String addressElement = kind == EntryKind.PERSON ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS";
    for (Node address : node.children(addressElement)) {
      Countries.code(address.text("COUNTRY")).ifPresent(countries::add);
    }
    List<String> notes = new ArrayList<>();
    for (String element : List.of("TITLE", "DESIGNATION")) {
      for (Node n : node.children(element)) {
        for (Node value : n.children("VALUE")) {
          if (!value.text().isEmpty()) {
            notes.add(value.text());
          }
        }
      }
    }
    if (!node.text("COMMENTS1").isEmpty()) {
      notes.add(node.text("COMMENTS1"));
    }
    String note = String.join("; ", notes);
    return new ListEntry(
        key,
        kind,
        name,
        aliases,
        birthDates,
        List.copyOf(nationalities),
        List.copyOf(countries),
        node.text("UN_LIST_TYPE"),
        note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE) : note);
  }

  private static @Nullable BirthDate birthDate(Node node) {
    String type = node.text("TYPE_OF_DATE").toUpperCase(Locale.ROOT);
    boolean approximate = type.equals("APPROXIMATELY");
    try {
      if (!node.text("DATE").isEmpty()) {
        return new BirthDate.Day(LocalDate.parse(node.text("DATE")), approximate);
      }
      if (!node.text("FROM_YEAR").isEmpty() && !node.text("TO_YEAR").isEmpty()) {
        return new BirthDate.Between(
            Integer.parseInt(node.text("FROM_YEAR")), Integer.parseInt(node.text("TO_YEAR")));
      }
      if (!node.text("YEAR").isEmpty()) {
        return new BirthDate.Year(Integer.parseInt(node.text("YEAR")), approximate);
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      // A date the list writes in a form of its own (e.g. only a note) says nothing to compare.
      return null;
    }
    return null;
  }

  /** An element of one entry: its text and its child elements. */
  private record Node(String name, String text, Map<String, List<Node>> children) {
    /** Reads the element the reader is at, up to its end tag. */
    static Node read(XMLStreamReader reader) throws XMLStreamException {
      String name = reader.getLocalName();
      StringBuilder text = new StringBuilder();
      Map<String, List<Node>> children = new HashMap<>();
      while (true) {
        int event = reader.next();
        switch (event) {
          case XMLEvent.START_ELEMENT -> {
            Node child = read(reader);
            children.computeIfAbsent(child.name(), k -> new ArrayList<>()).add(child);
          }
          case XMLEvent.CHARACTERS, XMLEvent.CDATA -> text.append(reader.getText());
          case XMLEvent.END_ELEMENT -> {
            return new Node(name, text.toString().strip(), children);
          }
          default -> {
            // Comments and processing instructions carry nothing.
          }
        }
      }
    }

    List<Node> children(String child) {
      return children.getOrDefault(child, List.of());
    }

    /** The text of the first child of that name, or "". */
    String text(String child) {
      List<Node> found = children(child);
      return found.isEmpty() ? "" : found.getFirst().text();
    }
  }
}
