package org.trademap.ledger.core.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.governance.GovernanceContract;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.store.StorageException;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * {@code ledger verify --data DIR}, {@code keys generate [--out FILE] [--org ID] [--host H …]} and
 * {@code consortium init --orgs N [--model b] --dir D [--http-port P] [--raft-port R] [--host H]},
 * {@code consortium up --dir D [--timeout S] [--name=value ...]} and {@code consortium down --dir D
 * [--timeout S]}, {@code governance propose|approve --config FILE --contract ID --version N
 * --height H}. Exit codes: 0 success, 1 the ledger failed verification, 2 it could not be checked
 * (or written), 64 usage error.
 */
public final class LedgerCli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int CANNOT_CHECK = 2;
  public static final int USAGE = 64;

  private LedgerCli() {}

  static final String KEYS_USAGE =
      """
      usage: keys generate [--out FILE] [--org ID] [--host HOST]...
        writes the Ed25519 signing key to FILE (default ./node.key, mode 600) and a TLS key
        and self-signed certificate (CN=ID, default 'node'; HOST names, default 127.0.0.1 and
        localhost) next to it as tls.key (mode 600) and tls.crt""";

  static final String CONSORTIUM_USAGE =
      """
      usage: consortium init --orgs N [--model a|b] --dir DIR [--http-port P] [--raft-port R] \
      [--host HOST] [--election-timeout-ms T]
        writes a local consortium of N organisations (consortium, N-2 securities companies,
        notary) into the empty DIR, in trust model b (default: one channel "all" of every
        organisation) or a (channel "consortium" of the consortium and the notary, and per
        company a channel "rel-<company>" of the consortium, that company and the notary):
        genesis.json, consortium.json, and per organisation its
        keys, certificate and node.json, on HTTP ports P.. (default 8081) and Raft ports R..
        (default 9871) at HOST (default 127.0.0.1); every node's least Raft election timeout is
        T ms (100 to 60000, default 1000; more where many nodes share a machine's few cores)
      usage: consortium up --dir DIR [--timeout S] [--name=value]...
        starts every node DIR/consortium.json lists as a background server process (output
        appended to <org>/node.log, pid recorded in consortium.json) and returns once each
        answers its ledger status with a known leader, or fails after S seconds (default
        300); --name=value server properties are passed to every node
      usage: consortium down --dir DIR [--timeout S]
        stops the recorded server processes (SIGTERM; killed after S seconds, default 60)""";

  static final String GOVERNANCE_USAGE =
      """
      usage: governance propose|approve --config FILE \
      (--contract ID --version N --height H | --add-member ORG | --remove-member ORG) \
      [--channel C] [--nonce N] [--server URL | --out FILE]
        signs, with the signing key of the node configuration FILE, a proposal (or an approval
        of the open proposal) to run version N of contract ID from block height H on, or to
        add organisation ORG to (remove it from) channel C (--channel is required there; it
        defaults to the genesis document's first channel for an upgrade), and submits it to the
        organisation's server (default http://<raft host>:<httpPort> of FILE), or writes it
        base64-encoded to the new FILE for POST /api/v1/ledger/transactions.
        The nonce defaults to the current time in microseconds""";

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, NodeLauncher.NONE);
  }

  /**
   * Runs a command; {@code consortium up} starts the nodes with {@code launcher}.
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, NodeLauncher launcher) {
    if (args.length >= 2 && args[0].equals("ledger") && args[1].equals("verify")) {
      if (args.length != 4 || !args[2].equals("--data")) {
        err.println("usage: ledger verify --data DIR");
        return USAGE;
      }
      return verify(Path.of(args[3]), out, err);
    }
    if (args.length >= 2 && args[0].equals("keys") && args[1].equals("generate")) {
      return KeysCommand.generate(Arrays.copyOfRange(args, 2, args.length), out, err);
    }
    if (args.length >= 2 && args[0].equals("consortium") && args[1].equals("init")) {
      return ConsortiumCommand.init(Arrays.copyOfRange(args, 2, args.length), out, err);
    }
    if (args.length >= 2 && args[0].equals("consortium") && args[1].equals("up")) {
      return ConsortiumProcesses.up(Arrays.copyOfRange(args, 2, args.length), out, err, launcher);
    }
    if (args.length >= 2 && args[0].equals("consortium") && args[1].equals("down")) {
      return ConsortiumProcesses.down(Arrays.copyOfRange(args, 2, args.length), out, err);
    }
    if (args.length >= 2
        && args[0].equals("governance")
        && (args[1].equals(GovernanceContract.PROPOSE)
            || args[1].equals(GovernanceContract.APPROVE))) {
      return GovernanceCommand.run(
          args[1], Arrays.copyOfRange(args, 2, args.length), out, err, Clock.systemUTC());
    }
    err.println(
        "usage: ledger verify --data DIR | keys generate [--out FILE] [--org ID] [--host HOST]..."
            + " | consortium init --orgs N [--model b] --dir DIR | consortium up --dir DIR"
            + " | consortium down --dir DIR"
            + " | governance propose|approve --config FILE --contract ID --version N --height H");
    return USAGE;
  }

  private static int verify(Path data, PrintStream out, PrintStream err) {
    Path state = data.resolve("state");
    if (!Files.isDirectory(state)) {
      err.println("no ledger in " + data.toAbsolutePath() + " (no state/ directory)");
      return CANNOT_CHECK;
    }
    RocksDbStore store;
    try {
      store = RocksDbStore.open(state);
    } catch (StorageException e) {
      err.println(
          "cannot open the ledger in "
              + data.toAbsolutePath()
              + " (is a node running on it? stop it first): "
              + rootMessage(e));
      return CANNOT_CHECK;
    }
    try (store) {
      ContractRegistry contracts = LedgerNode.discoverContracts();
      ChainStore chain = new ChainStore(store);
      var genesis = chain.genesis();
      if (genesis.isPresent()) {
        for (var c : genesis.get().contracts().entrySet()) {
          if (contracts.find(c.getKey(), c.getValue()).isEmpty()) {
            err.println(
                "cannot verify: the ledger runs contract "
                    + c.getKey()
                    + " version "
                    + c.getValue()
                    + ", which this installation does not have");
            return CANNOT_CHECK;
          }
        }
        Path genesisFile = data.resolve(NodeFiles.GENESIS_FILE);
        if (Files.exists(genesisFile)) {
          var fileChain = NodeFiles.readGenesis(genesisFile).chainId();
          if (!fileChain.equals(genesis.get().chainId())) {
            out.println(
                "ledger FAILED at height 0: the stored chain "
                    + genesis.get().chainId()
                    + " is not the chain of "
                    + genesisFile
                    + " ("
                    + fileChain
                    + ")");
            return FAILED;
          }
        }
      }
      ChainVerifier.Report r = ChainVerifier.verify(chain, contracts, SignatureChecker.SEQUENTIAL);
      var head = r.head();
      if (r.ok() && head != null) {
        out.println(
            "ledger OK: height "
                + head.height()
                + ", head "
                + head.hash()
                + ", state root "
                + head.stateRoot());
        return OK;
      }
      out.println("ledger FAILED at height " + r.height() + ": " + r.problem());
      return FAILED;
    } catch (RuntimeException e) {
      err.println("cannot verify the ledger in " + data.toAbsolutePath() + ": " + rootMessage(e));
      return CANNOT_CHECK;
    }
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return String.valueOf(c.getMessage());
  }
}
