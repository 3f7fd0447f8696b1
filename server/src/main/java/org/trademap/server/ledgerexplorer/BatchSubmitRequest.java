package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(name = "SubmitTransactions", description = "Signed transactions to submit at once.")
record BatchSubmitRequest(
    @ArraySchema(
            schema =
                @Schema(
                    description = "Base64 of the canonical bytes of a signed transaction",
                    type = "string"),
            arraySchema =
                @Schema(
                    description =
                        "The transactions, in the order their results are answered; 1 to"
                            + " trademap.api.max-batch-transactions (default 1000)",
                    requiredMode = Schema.RequiredMode.REQUIRED))
        @Nullable List<@Nullable String> transactions) {}
