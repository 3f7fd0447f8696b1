package org.trademap.server.sharing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.server.ledgergateway.LedgerGateway;

/**
 * Where the sharing contract's records of a company go (ADR 0034). In trust model b every record is
 * on the node's default channel, the consortium-wide one. In trust model a the application, the
 * package hash, the decision and the withdrawal of company X go on X's relationship channel {@code
 * rel-<X's ledger member>} (consortium, X, notary), and the consortium-wide channel keeps what it
 * holds in model b apart from sharing: the KYC registry's pseudonymous records.
 *
 * <p>The model comes from {@code trademap.sharing.trust-model}; {@code auto} (the default) reads
 * the genesis document: model a if it has a {@code rel-*} channel. Fixed while the server runs.
 */
@Component
class SharingChannels {
  /** The prefix of a relationship channel (the layout of {@code consortium init --model a}). */
  static final String RELATIONSHIP_PREFIX = "rel-";

  private static final Logger log = LoggerFactory.getLogger(SharingChannels.class);

  /** The trust model in force. */
  enum Model {
    A,
    B
  }

  private final LedgerGateway ledger;
  private final Model model;
  private final Map<String, String> members = new HashMap<>();

  SharingChannels(LedgerGateway ledger, SharingProperties properties) {
    this.ledger = ledger;
    this.model = model(properties.trustModel(), ledger.genesis());
    for (SharingProperties.CompanyConfig c : properties.companies()) {
      members.put(c.id(), c.ledgerMember());
    }
    log.info(
        "account opening: trust model {} (setting {}); sharing records on {}",
        model.name().toLowerCase(java.util.Locale.ROOT),
        properties.trustModel().name().toLowerCase(java.util.Locale.ROOT),
        model == Model.B ? "channel " + ledger.defaultChannel() : "each company's rel-<member>");
  }

  /** The trust model a setting gives on a genesis document. */
  static Model model(SharingProperties.TrustModel setting, Genesis genesis) {
    return switch (setting) {
      case A -> Model.A;
      case B -> Model.B;
      case AUTO ->
          genesis.channels().stream().anyMatch(c -> c.name().startsWith(RELATIONSHIP_PREFIX))
              ? Model.A
              : Model.B;
    };
  }

  /** The trust model in force. */
  Model model() {
    return model;
  }

  /**
   * The channel of a company's sharing records: the default channel in model b, {@code
   * rel-<member>} in model a, whether or not this node holds it.
   */
  String of(String companyId) {
    return switch (model) {
      case B -> ledger.defaultChannel();
      case A -> RELATIONSHIP_PREFIX + members.getOrDefault(companyId, companyId);
    };
  }

  /**
   * The channel of a company's sharing records if this node holds it; empty if not (the company
   * cannot be applied at through this node).
   */
  Optional<String> held(String companyId) {
    String channel = of(companyId);
    return ledger.holds(channel) ? Optional.of(channel) : Optional.empty();
  }

  /** Every channel this node holds that can carry sharing records, the default one first. */
  List<String> audited() {
    return ledger.channels();
  }
}
