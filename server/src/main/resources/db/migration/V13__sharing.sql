-- Account opening at securities companies with consent-bound KYC sharing
-- (package org.trademap.server.sharing). Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
--
-- Nothing here is personal data in clear: the KYC package is sealed to the company's public key
-- (HPKE), a company's private key is sealed by the personal-data vault, and a decision's reason is
-- sealed under the subject's data key (it goes with the subject when it is erased).

-- sharing_company: a securities company that can receive packages.
-- key_subject        = the vault subject whose data key seals the company's private key.
-- public_key         = its X25519 public key (32 bytes) for HPKE (RFC 9180).
-- private_key_sealed = its X25519 private key, sealed by the vault. In a consortium deployment the
--                      private key lives on the company's own node instead.
CREATE TABLE sharing_company (
    id                 VARCHAR(64)              NOT NULL,
    name               VARCHAR(200)             NOT NULL,
    key_subject        UUID                     NOT NULL,
    public_key         BYTEA                    NOT NULL,
    private_key_sealed BYTEA                    NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sharing_company_pk PRIMARY KEY (id)
);

-- sharing_company_staff: the company a COMPANY_REVIEWER or COMPANY_APPROVER account acts for.
CREATE TABLE sharing_company_staff (
    account_id UUID        NOT NULL,
    company_id VARCHAR(64) NOT NULL,
    CONSTRAINT sharing_company_staff_pk PRIMARY KEY (account_id),
    CONSTRAINT sharing_company_staff_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT sharing_company_staff_company_fk FOREIGN KEY (company_id)
        REFERENCES sharing_company (id)
);

-- sharing_application: one account-opening application of an account at a company.
-- application_ref  = the opaque reference on the ledger (kyc-sharing contract).
-- recipient_salt   = 32 random bytes; the ledger holds only SHA-256(domain, salt, company id).
-- state            = APPLIED (waiting for the company), APPROVED, REJECTED (decided), WITHDRAWN.
-- active_key       = account id + company id while APPLIED or APPROVED, else NULL: at most one
--                    live application per account and company (UNIQUE allows many NULLs).
CREATE TABLE sharing_application (
    id                     UUID                     NOT NULL,
    application_ref        VARCHAR(64)              NOT NULL,
    account_id             UUID                     NOT NULL,
    subject_ref            VARCHAR(64)              NOT NULL,
    company_id             VARCHAR(64)              NOT NULL,
    recipient_salt         BYTEA                    NOT NULL,
    purpose                VARCHAR(32)              NOT NULL,
    consent_version        VARCHAR(16)              NOT NULL,
    state                  VARCHAR(16)              NOT NULL,
    active_key             VARCHAR(120),
    applied_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at           TIMESTAMP WITH TIME ZONE,
    decided_at             TIMESTAMP WITH TIME ZONE,
    decided_by             UUID,
    decision_reason_sealed BYTEA,
    CONSTRAINT sharing_application_pk PRIMARY KEY (id),
    CONSTRAINT sharing_application_ref_unique UNIQUE (application_ref),
    CONSTRAINT sharing_application_active_unique UNIQUE (active_key),
    CONSTRAINT sharing_application_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT sharing_application_company_fk FOREIGN KEY (company_id)
        REFERENCES sharing_company (id),
    CONSTRAINT sharing_application_state_known
        CHECK (state IN ('APPLIED', 'APPROVED', 'REJECTED', 'WITHDRAWN'))
);
CREATE INDEX sharing_application_account ON sharing_application (account_id);
CREATE INDEX sharing_application_company ON sharing_application (company_id);

-- sharing_package: a KYC package sealed to one company (HPKE), off the ledger; the ledger holds
-- SHA-256(sealed) and the recipient commitment (kyc-sharing.share, under outbox_key).
-- sealed is NULL once the application is withdrawn (the package is no longer handed out).
CREATE TABLE sharing_package (
    id             UUID                     NOT NULL,
    application_id UUID                     NOT NULL,
    company_id     VARCHAR(64)              NOT NULL,
    sealed         BYTEA,
    package_hash   BYTEA                    NOT NULL,
    outbox_key     VARCHAR(200)             NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sharing_package_pk PRIMARY KEY (id),
    CONSTRAINT sharing_package_application_fk FOREIGN KEY (application_id)
        REFERENCES sharing_application (id),
    CONSTRAINT sharing_package_company_fk FOREIGN KEY (company_id) REFERENCES sharing_company (id)
);
CREATE INDEX sharing_package_application ON sharing_package (application_id);
