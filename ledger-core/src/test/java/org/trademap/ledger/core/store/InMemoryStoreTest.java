package org.trademap.ledger.core.store;

/** The store contract over {@link InMemoryStore}. */
class InMemoryStoreTest extends KeyValueStoreContract {

  @Override
  KeyValueStore newStore() {
    return new InMemoryStore();
  }
}
