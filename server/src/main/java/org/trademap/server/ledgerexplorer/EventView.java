package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Base64;
import org.trademap.ledger.api.block.ContractEvent;

@Schema(name = "ContractEvent", description = "An event a contract emitted.")
record EventView(
    @Schema(description = "Event name", example = "kyc.registered") String name,
    @Schema(description = "Event data, base64") String dataBase64) {

  static EventView of(ContractEvent event) {
    return new EventView(event.name(), Base64.getEncoder().encodeToString(event.data()));
  }
}
