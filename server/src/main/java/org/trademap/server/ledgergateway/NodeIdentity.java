package org.trademap.server.ledgergateway;

import org.springframework.stereotype.Component;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.core.node.LedgerNode;

/**
 * This node's identity in the consortium: its member id in the genesis document and its Ed25519
 * signing key, which signs statements on the node's behalf (ADR 0035: a company's server signs its
 * requests to the consortium's relay with it). The private key never leaves this object.
 */
@Component
public class NodeIdentity {
  private final String memberId;
  private final KeyPair key;

  NodeIdentity(LedgerNode node) {
    this.memberId = node.memberId();
    this.key = node.nodeKey();
  }

  /** This node's member id in the genesis document. */
  public String memberId() {
    return memberId;
  }

  /** This node's public signing key, as the genesis document lists it. */
  public PublicKey publicKey() {
    return key.publicKey();
  }

  /** Signs a message with the node's key (Ed25519). */
  public Signature sign(byte[] message) {
    return key.sign(message);
  }
}
