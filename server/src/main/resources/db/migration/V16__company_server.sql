-- A securities company's own server on its own node, and the relay between it and the consortium's
-- server (ADR 0035). Portable SQL: PostgreSQL and H2 in PostgreSQL mode.

-- On the consortium's server a company with its own server has only its public key here: the key
-- its server registered through the relay (signed by the company node's key). No private key.
ALTER TABLE sharing_company ALTER COLUMN key_subject DROP NOT NULL;
ALTER TABLE sharing_company ALTER COLUMN private_key_sealed DROP NOT NULL;
ALTER TABLE sharing_company ADD COLUMN key_registered_at TIMESTAMP WITH TIME ZONE;

-- decision_tx        = the company's own decide transaction (trust model a: signed by the
--                      company's node on its relationship channel), 64 hex digits, confirmed on
--                      this server's replica before it was stored.
-- decision_statement = the company node's Ed25519 signature over its decision (trust model b,
--                      where the consortium records decide on the consortium-wide channel).
ALTER TABLE sharing_application ADD COLUMN decision_tx VARCHAR(64);
ALTER TABLE sharing_application ADD COLUMN decision_statement BYTEA;

-- sharing_relay_nonce: the nonces of signed relay requests seen in the last minutes, so a replayed
-- request is refused. Rows older than the accepted clock window are deleted.
CREATE TABLE sharing_relay_nonce (
    member_id VARCHAR(64)              NOT NULL,
    nonce     VARCHAR(32)              NOT NULL,
    seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sharing_relay_nonce_pk PRIMARY KEY (member_id, nonce)
);
CREATE INDEX sharing_relay_nonce_seen ON sharing_relay_nonce (seen_at);

-- sharing_received: on a company's own server, the packages it received from the consortium's
-- relay (the newest one per application) and its decision. Nothing in clear: the package stays
-- sealed to the company's key, the decision's reason is sealed by the vault under the company's key
-- subject.
-- step_txs           = the application's ledger transactions the consortium recorded (apply,
--                      share, update), comma-separated hex, read on this node's own replica.
-- sealed             = NULL once the person withdrew before the decision (the consortium no longer
--                      lists the package): state WITHDRAWN, nothing of it is kept or shown.
-- decision_reported  = when the consortium's relay took the decision.
CREATE TABLE sharing_received (
    application_id         UUID                     NOT NULL,
    application_ref        VARCHAR(64)              NOT NULL,
    company_id             VARCHAR(64)              NOT NULL,
    recipient_salt         BYTEA                    NOT NULL,
    purpose                VARCHAR(32)              NOT NULL,
    consent_version        VARCHAR(16)              NOT NULL,
    applied_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    channel                VARCHAR(64)              NOT NULL,
    package_id             UUID                     NOT NULL,
    share_tx               VARCHAR(64)              NOT NULL,
    step_txs               VARCHAR(1000)            NOT NULL,
    sealed                 BYTEA,
    received_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    state                  VARCHAR(16)              NOT NULL,
    decided_at             TIMESTAMP WITH TIME ZONE,
    decided_by             UUID,
    decision_reason_sealed BYTEA,
    decision_statement     BYTEA,
    decision_reported      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT sharing_received_pk PRIMARY KEY (application_id),
    CONSTRAINT sharing_received_ref_unique UNIQUE (application_ref),
    CONSTRAINT sharing_received_company_fk FOREIGN KEY (company_id)
        REFERENCES sharing_company (id),
    CONSTRAINT sharing_received_state_known
        CHECK (state IN ('APPLIED', 'APPROVED', 'REJECTED', 'WITHDRAWN'))
);
