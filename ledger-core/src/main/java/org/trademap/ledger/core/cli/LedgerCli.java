package org.trademap.ledger.core.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.store.StorageException;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * {@code ledger verify --data DIR} and {@code keys generate [--out FILE]}. Exit codes: 0 success, 1
 * the ledger failed verification, 2 it could not be checked, 64 usage error.
 */
public final class LedgerCli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int CANNOT_CHECK = 2;
  public static final int USAGE = 64;

  private LedgerCli() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length >= 2 && args[0].equals("ledger") && args[1].equals("verify")) {
      if (args.length != 4 || !args[2].equals("--data")) {
        err.println("usage: ledger verify --data DIR");
        return USAGE;
      }
      return verify(Path.of(args[3]), out, err);
    }
    if (args.length >= 2 && args[0].equals("keys") && args[1].equals("generate")) {
      if (args.length == 2) {
        return generate(Path.of(NodeFiles.KEY_FILE), out, err);
      }
      if (args.length == 4 && args[2].equals("--out")) {
        return generate(Path.of(args[3]), out, err);
      }
      err.println("usage: keys generate [--out FILE]");
      return USAGE;
    }
    err.println("usage: ledger verify --data DIR | keys generate [--out FILE]");
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

  private static int generate(Path file, PrintStream out, PrintStream err) {
    if (Files.exists(file)) {
      err.println("refusing to overwrite " + file.toAbsolutePath());
      return CANNOT_CHECK;
    }
    try {
      KeyPair key = NodeFiles.writeNewKey(file);
      out.println("public key: " + key.publicKey().base64());
      out.println("private key written to " + file.toAbsolutePath() + " (mode 600)");
      return OK;
    } catch (RuntimeException e) {
      err.println("cannot write " + file.toAbsolutePath() + ": " + rootMessage(e));
      return CANNOT_CHECK;
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return String.valueOf(c.getMessage());
  }
}
