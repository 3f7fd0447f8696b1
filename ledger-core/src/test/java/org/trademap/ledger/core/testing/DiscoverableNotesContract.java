package org.trademap.ledger.core.testing;

import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.contract.Outcome;

/**
 * {@link NotesContract} version 1 with the public no-argument constructor {@link
 * java.util.ServiceLoader} needs, for code that discovers contracts on the class path (the {@code
 * ledger verify} command line). Tests list it in a services file of their own class loader, so it
 * is not discovered anywhere else.
 */
public final class DiscoverableNotesContract implements Contract {
  private final NotesContract notes = new NotesContract(1);

  @Override
  public String id() {
    return notes.id();
  }

  @Override
  public int version() {
    return notes.version();
  }

  @Override
  public Outcome invoke(ContractContext context) {
    return notes.invoke(context);
  }
}
