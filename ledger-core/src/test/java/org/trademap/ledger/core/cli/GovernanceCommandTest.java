package org.trademap.ledger.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.exec.ChannelMembership;
import org.trademap.ledger.core.exec.ContractVersions;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.governance.Schedule;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.TestChain;

/**
 * {@code governance propose|approve}: the transactions it signs from an organisation's node
 * configuration schedule an upgrade when a block executes them; bad options change nothing.
 */
class GovernanceCommandTest extends CliRun {
  @TempDir Path dir;

  ConsortiumLayout.Written consortium() {
    return ConsortiumLayout.init(
        dir.resolve("c"),
        ConsortiumLayout.orgs(3, 18081, 19871),
        "127.0.0.1",
        Map.of(NotesContract.ID, 1),
        Instant.now(),
        new SecureRandom());
  }

  /** The consortium's chain in memory, blocks proposed by the consortium's node key. */
  TestChain chainOf(ConsortiumLayout.Written c) {
    return new TestChain(
        c.genesis(),
        TestChain.notesOneAndTwo(),
        SignatureChecker.SEQUENTIAL,
        NodeFiles.readKey(dir.resolve("c/consortium/node.key")));
  }

  SignedTransaction read(Path file) throws Exception {
    return SignedTransaction.decode(Base64.getDecoder().decode(Files.readString(file).trim()));
  }

  @Test
  void aProposalAndAnApprovalWrittenByTwoOrganisationsScheduleTheUpgrade() throws Exception {
    ConsortiumLayout.Written c = consortium();
    Path proposal = dir.resolve("propose.tx");
    Path approval = dir.resolve("approve.tx");
    int proposed =
        governance("propose", c.configs().get(0).toString(), "--out", proposal.toString());
    int approved =
        governance(
            "approve", c.configs().get(1).toString(), "--nonce", "7", "--out", approval.toString());

    assertThat(proposed).as(err()).isZero();
    assertThat(approved).as(err()).isZero();
    assertThat(out())
        .contains("propose notes version 2 from height 20 by consortium, transaction ")
        .contains("approve notes version 2 from height 20 by sec-1");
    assertThat(read(approval).body().nonce()).isEqualTo(7);
    TestChain chain = chainOf(c);
    long now = System.currentTimeMillis();
    Receipt p = chain.run(now, read(proposal)).receipts().get(0);
    Receipt a = chain.run(now, read(approval)).receipts().get(0);
    assertThat(p.code()).isEqualTo(ValidationCode.OK);
    assertThat(a.code()).isEqualTo(ValidationCode.OK);
    assertThat(ContractVersions.schedule(chain.store()::get, NotesContract.ID).steps())
        .containsExactly(new Schedule.Step(2, 20));
  }

  @Test
  void refusesMissingOrMalformedOptions() {
    ConsortiumLayout.Written c = consortium();
    String config = c.configs().get(0).toString();

    assertThat(run("governance", "propose", "--config", config, "--version", "2", "--height", "9"))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(err()).contains("--contract is required");
    assertThat(
            run(
                wordsArray(
                    "governance approve --config",
                    config,
                    "--contract notes --height soon --version 2")))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(err()).contains("--height must be a number, not 'soon'");
    assertThat(
            run(
                wordsArray(
                    "governance propose --config",
                    config,
                    "--contract Notes! --version 2 --height 9")))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(err()).contains("contract id may use only");
    assertThat(run("governance", "revoke", "--config", config)).isEqualTo(LedgerCli.USAGE);
  }

  @Test
  void aMembershipProposalAndApprovalWrittenByTwoOrganisationsRemoveAMember() throws Exception {
    ConsortiumLayout.Written c = consortium();
    Path proposal = dir.resolve("remove.tx");
    Path approval = dir.resolve("approve-remove.tx");
    String[] change = {"--remove-member", "sec-1", "--channel", "all"};

    int proposed =
        run(
            concat(
                wordsArray("governance propose --config", c.configs().get(0).toString()),
                change,
                new String[] {"--out", proposal.toString()}));
    int approved =
        run(
            concat(
                wordsArray("governance approve --config", c.configs().get(2).toString()),
                change,
                new String[] {"--out", approval.toString()}));

    assertThat(proposed).as(err()).isZero();
    assertThat(approved).as(err()).isZero();
    assertThat(out()).contains("propose remove-member sec-1 on channel all by consortium");
    assertThat(read(proposal).body().channel()).isEqualTo("all");
    TestChain chain = chainOf(c);
    long now = System.currentTimeMillis();
    assertThat(chain.run(now, read(proposal)).receipts().get(0).code())
        .isEqualTo(ValidationCode.OK);
    assertThat(chain.run(now, read(approval)).receipts().get(0).value())
        .isEqualTo("decided".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(ChannelMembership.members(c.genesis(), chain.store()::get, "all").members())
        .containsExactly("consortium", "notary");
  }

  @Test
  void refusesEveryBadMembershipOption() {
    ConsortiumLayout.Written c = consortium();
    String config = c.configs().get(0).toString();
    String[][] bad = {
      {"--add-member", "sec-1"},
      {"--add-member", "sec-1", "--remove-member", "notary", "--channel", "all"},
      {"--add-member", "sec-1", "--channel", "all", "--contract", "notes"},
      {"--add-member", "Sec 1!", "--channel", "all"},
      {"--add-member", "sec-1", "--channel", "nowhere"},
      {"--add-member", "stranger", "--channel", "all"},
      {"--channel", "all"},
    };
    for (String[] options : bad) {
      assertThat(run(concat(wordsArray("governance propose --config", config), options)))
          .as(String.join(" ", options))
          .isEqualTo(LedgerCli.USAGE);
    }
    assertThat(err())
        .contains(
            "--channel is required with --add-member and --remove-member",
            "--add-member and --remove-member are separate decisions",
            "an upgrade (--contract, --version, --height) and a membership change are separate",
            "member id may use only",
            "channel nowhere is not in the genesis document",
            "organisation stranger is not a member of the genesis document",
            "give --contract, --version and --height for an upgrade, or --add-member ORG");
    assertThat(dir.resolve("c").toFile().list()).doesNotContain("remove.tx");
  }

  static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  @Test
  void saysSoWhenTheConfigurationOrTheServerCannotBeReached() throws Exception {
    ConsortiumLayout.Written c = consortium();

    assertThat(governance("propose", dir.resolve("none.json").toString()))
        .isEqualTo(LedgerCli.CANNOT_CHECK);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertThat(
            governance(
                "propose",
                c.configs().get(0).toString(),
                "--server",
                "http://127.0.0.1:" + closedPort))
        .isEqualTo(LedgerCli.CANNOT_CHECK);
    assertThat(err()).contains("cannot reach http://127.0.0.1:" + closedPort);
  }

  /** {@code governance METHOD --config CONFIG} for notes version 2 from height 20, and more. */
  int governance(String method, String config, String... more) {
    List<String> args = new java.util.ArrayList<>(words("governance", method, "--config", config));
    args.addAll(words("--contract notes --version 2 --height 20"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  static String[] wordsArray(String... parts) {
    return words(parts).toArray(String[]::new);
  }

  /** The words of the parts (split at spaces); a part that is a path stays one word. */
  static List<String> words(String... parts) {
    List<String> out = new java.util.ArrayList<>();
    for (String p : parts) {
      out.addAll(p.startsWith("/") ? List.of(p) : List.of(p.split(" ")));
    }
    return out;
  }
}
