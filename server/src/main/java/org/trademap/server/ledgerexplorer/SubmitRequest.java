package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(name = "SubmitTransaction", description = "A signed transaction to submit.")
record SubmitRequest(
    @Schema(
            description = "Base64 of the canonical bytes of the signed transaction",
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String transaction) {}
