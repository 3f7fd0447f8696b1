package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

/**
 * Imports and edits of the lists, their versions in the database, and the index built from them.
 */
class ScreeningListsTest {
  private static final UUID OPERATOR = UUID.randomUUID();

  @TempDir Path temp;

  @OnEachDatabase
  void importsVersionsAndSkipsUnchangedContent(TestDatabase db) throws Exception {
    Path un = temp.resolve("un.xml");
    Files.copy(SanctionsData.directory().resolve(SanctionsData.UN), un);
    ScreeningProperties properties = ScreeningFixture.properties(un.toString(), "", "", "", "");
    ScreeningFixture fixture = new ScreeningFixture(db, properties);

    ImportOutcome first = fixture.lists.importList(ListSource.UN, OPERATOR);
    assertThat(first).isInstanceOf(ImportOutcome.Imported.class);
    ListVersion version = ((ImportOutcome.Imported) first).version();
    assertThat(version.entryCount()).isEqualTo(1003);
    assertThat(version.sha256()).hasSize(64);
    assertThat(version.origin()).isEqualTo(un.toString());
    assertThat(version.editedBy()).isEqualTo(OPERATOR);
    assertThat(fixture.events).containsExactly(new ScreeningListChanged(version));

    assertThat(fixture.lists.importList(ListSource.UN, OPERATOR))
        .isEqualTo(new ImportOutcome.Unchanged(version));
    assertThat(fixture.lists.versions(ListSource.UN)).containsExactly(version);

    // A changed file is a new version; the old one stays with its entries.
    String changed =
        Files.readString(un)
            .replace("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME>ERIK</FIRST_NAME>");
    Files.writeString(un, changed);
    ImportOutcome second = fixture.lists.importList(ListSource.UN, null);
    assertThat(second).isInstanceOf(ImportOutcome.Imported.class);
    ListVersion newer = ((ImportOutcome.Imported) second).version();
    assertThat(newer.id()).isGreaterThan(version.id());
    assertThat(fixture.lists.versions(ListSource.UN)).containsExactly(newer, version);
    assertThat(fixture.lists.entry(version.id(), "CDi.001").orElseThrow().name())
        .isEqualTo("ERIC BADEGE");
    assertThat(fixture.lists.entry(newer.id(), "CDi.001").orElseThrow().name())
        .isEqualTo("ERIK BADEGE");
    assertThat(fixture.lists.current().get(ListSource.UN)).isEqualTo(newer);

    // A restart rebuilds the index from the database.
    ScreeningFixture restarted = new ScreeningFixture(db, properties);
    assertThat(restarted.lists.current().get(ListSource.UN)).isEqualTo(newer);
    assertThat(
            restarted.screening.check(
                Party.organisation(PartyRole.SUBJECT, "Allied Democratic Forces", null)))
        .extracting(Hit::entryKey)
        .contains("CDe.001");
    assertThat(restarted.lists.entries(ListSource.UN)).hasSize(1003);
  }

  @OnEachDatabase
  void aMalformedOrMissingFileChangesNothing(TestDatabase db) {
    Path sdn = SanctionsData.directory().resolve(SanctionsData.SDN);
    ScreeningFixture fixture =
        new ScreeningFixture(db, ScreeningFixture.properties("", sdn.toString(), "", "", ""));
    ListVersion good =
        ((ImportOutcome.Imported) fixture.lists.importList(ListSource.OFAC, null)).version();
    assertThat(good.entryCount()).isEqualTo(7379);

    Path broken = ScreeningFixture.write(temp, "sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- \n");
    ScreeningFixture brokenImport =
        new ScreeningFixture(db, ScreeningFixture.properties("", broken.toString(), "", "", ""));
    assertThat(brokenImport.lists.importList(ListSource.OFAC, OPERATOR))
        .isEqualTo(
            new ImportOutcome.Failed(
                "screening.list-malformed", "sdn.csv line 1: 3 fields where the format has 12"));

    Path missing = temp.resolve("nowhere.csv");
    ScreeningFixture missingImport =
        new ScreeningFixture(db, ScreeningFixture.properties("", missing.toString(), "", "", ""));
    ImportOutcome unreadable = missingImport.lists.importList(ListSource.OFAC, OPERATOR);
    assertThat(unreadable).isInstanceOf(ImportOutcome.Failed.class);
    assertThat(((ImportOutcome.Failed) unreadable).code()).isEqualTo("screening.list-unreadable");
    assertThat(((ImportOutcome.Failed) unreadable).detail()).contains("no such file");

    ScreeningFixture malformedUn =
        new ScreeningFixture(
            db,
            ScreeningFixture.properties(
                ScreeningFixture.write(temp, "un.xml", "<CONSOLIDATED_LIST><INDIVIDUALS>")
                    .toString(),
                "",
                "",
                "",
                ""));
    assertThat(malformedUn.lists.importList(ListSource.UN, OPERATOR))
        .isInstanceOf(ImportOutcome.Failed.class);

    assertThat(fixture.lists.versions(ListSource.OFAC)).containsExactly(good);
    assertThat(fixture.lists.versions(ListSource.UN)).isEmpty();
    assertThat(brokenImport.events).isEmpty();
    assertThat(
            new ScreeningFixture(db, ScreeningFixture.properties("", "", "", "", ""))
                .lists.current())
        .containsOnlyKeys(ListSource.OFAC);
  }

  @OnEachDatabase
  void theShippedSamplesImport(TestDatabase db) {
    ScreeningFixture fixture = new ScreeningFixture(db, ScreeningProperties.defaults());
    assertThat(fixture.lists.importList(ListSource.UN, null))
        .isInstanceOf(ImportOutcome.Imported.class);
    assertThat(fixture.lists.importList(ListSource.OFAC, null))
        .isInstanceOf(ImportOutcome.Imported.class);
    assertThat(
            fixture.screening.check(Party.person(PartyRole.SUBJECT, "Jong Un", "Kim", null, null)))
        .extracting(Hit::entryKey)
        .containsExactly("20157");
  }

  @OnEachDatabase
  void everyEditOfTheAsfListIsAVersion(TestDatabase db) {
    ScreeningFixture fixture =
        new ScreeningFixture(db, ScreeningFixture.properties("", "", "", "", ""));
    EditOutcome added =
        fixture.lists.add(
            ListSource.ASF,
            new EntryDraft("person", "Taro Yamada", List.of("山田太郎"), "1970-05-05", "JP", "gang"),
            OPERATOR);
    assertThat(added).isInstanceOf(EditOutcome.Edited.class);
    EditOutcome.Edited edited = (EditOutcome.Edited) added;
    assertThat(edited.version().entryCount()).isEqualTo(1);
    assertThat(edited.version().origin()).isEqualTo("edit");
    assertThat(edited.version().editedBy()).isEqualTo(OPERATOR);
    assertThat(edited.entryKey()).startsWith("asf-");

    ListEntry entry = fixture.lists.entries(ListSource.ASF).getFirst();
    assertThat(entry.aliases()).extracting(ListEntry.Alias::name).containsExactly("山田太郎");
    assertThat(entry.birthDates()).extracting(BirthDate::toString).containsExactly("1970-05-05");
    assertThat(entry.nationalities()).containsExactly("JP");
    assertThat(
            fixture.screening.check(Party.person(PartyRole.SUBJECT, "Taro", "Yamada", null, null)))
        .extracting(Hit::source)
        .containsExactly(ListSource.ASF);

    fixture.lists.add(
        ListSource.ASF, new EntryDraft("entity", "Yamada-gumi", null, null, null, null), OPERATOR);
    EditOutcome removed = fixture.lists.remove(ListSource.ASF, edited.entryKey(), OPERATOR);
    assertThat(removed).isInstanceOf(EditOutcome.Edited.class);
    assertThat(fixture.lists.versions(ListSource.ASF)).hasSize(3);
    assertThat(fixture.lists.entries(ListSource.ASF))
        .extracting(ListEntry::name)
        .containsExactly("Yamada-gumi");
    assertThat(fixture.lists.entries(fixture.lists.versions(ListSource.ASF).get(1).id()))
        .hasSize(2);
    assertThat(fixture.events).hasSize(3);
  }

  @OnEachDatabase
  void refusesInvalidEditsNamingTheField(TestDatabase db) {
    ScreeningFixture fixture =
        new ScreeningFixture(db, ScreeningFixture.properties("", "", "", "", ""));
    assertThat(
            fixture.lists.add(
                ListSource.ASF, new EntryDraft("robot", "X", null, null, null, null), OPERATOR))
        .isEqualTo(new EditOutcome.Refused("screening.entry-invalid", "kind"));
    assertThat(
            fixture.lists.add(
                ListSource.ASF, new EntryDraft("person", " ", null, null, null, null), OPERATOR))
        .isEqualTo(new EditOutcome.Refused("screening.entry-invalid", "name"));
    assertThat(
            fixture.lists.add(
                ListSource.ASF,
                new EntryDraft("person", "A B", null, "1970-02-30", null, null),
                OPERATOR))
        .isEqualTo(new EditOutcome.Refused("screening.entry-invalid", "birthDate"));
    assertThat(
            fixture.lists.add(
                ListSource.PEP,
                new EntryDraft("person", "A B", null, null, "Japan", null),
                OPERATOR))
        .isEqualTo(new EditOutcome.Refused("screening.entry-invalid", "nationality"));
    assertThat(
            fixture.lists.add(
                ListSource.ASF,
                new EntryDraft("entity", "A B", null, "1970", null, null),
                OPERATOR))
        .isEqualTo(new EditOutcome.Refused("screening.entry-invalid", "birthDate"));
    assertThat(
            fixture.lists.add(
                ListSource.UN, new EntryDraft("person", "A B", null, null, null, null), OPERATOR))
        .isEqualTo(new EditOutcome.Refused("screening.list-not-editable", ""));
    assertThat(fixture.lists.remove(ListSource.ASF, "asf-none", OPERATOR))
        .isEqualTo(new EditOutcome.Refused("screening.entry-not-found", ""));
    assertThat(fixture.lists.importList(ListSource.ASF, OPERATOR))
        .isInstanceOf(ImportOutcome.Failed.class);
    assertThat(fixture.lists.versions(ListSource.ASF)).isEmpty();
    assertThat(fixture.lists.versions(ListSource.PEP)).isEmpty();
  }
}
