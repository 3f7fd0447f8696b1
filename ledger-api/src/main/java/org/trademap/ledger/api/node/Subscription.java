package org.trademap.ledger.api.node;

/** A running block subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {

  /** The next height the listener will receive: the position to resume from later. */
  long position();

  @Override
  void close();
}
