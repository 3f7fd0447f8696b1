package org.trademap.ledger.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.contract.Outcome;

/**
 * A small contract for engine tests: {@code put(key, value)} stores a note and emits {@code noted};
 * {@code reject()} always rejects; {@code boom()} throws.
 */
public final class NotesContract implements Contract {
  public static final String ID = "notes";
  private final int version;

  public NotesContract(int version) {
    this.version = version;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public Outcome invoke(ContractContext ctx) {
    return switch (ctx.method()) {
      case "put" -> {
        List<byte[]> a = Args.decode(ctx.args(), 2);
        if (ctx.get(a.get(0)).isPresent()) {
          yield Outcome.rejected("notes.exists", "A note with this key exists.");
        }
        ctx.put(a.get(0), a.get(1));
        ctx.emit("noted", a.get(0));
        yield Outcome.accepted(("v" + version).getBytes(StandardCharsets.UTF_8));
      }
      case "reject" -> Outcome.rejected("notes.always", "This method always rejects.");
      case "boom" -> throw new IllegalStateException("boom");
      default -> Outcome.rejected("notes.unknown-method", "No such method.");
    };
  }
}
