package org.trademap.ledger.api.block;

import java.util.Arrays;

/** An event a contract emitted while executing a transaction. */
public record ContractEvent(String name, byte[] data) {
  public ContractEvent {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContractEvent e && name.equals(e.name) && Arrays.equals(data, e.data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "ContractEvent[" + name + ", " + data.length + " bytes]";
  }
}
