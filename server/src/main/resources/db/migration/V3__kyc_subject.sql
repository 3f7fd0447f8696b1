-- The subject of each account's KYC file (package org.trademap.server.kyc).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- subject_id  = the vault's SubjectId: the id the subject's data key is kept under. A stable
--               customer identifier, so it never leaves the server.
-- subject_ref = the opaque pseudonymous reference the ledger knows the subject by (KycRegistry):
--               22 random base64url characters, unrelated to the account, its address or the
--               subject id.
-- One account has one subject; the row is made on first use and never changes.
CREATE TABLE kyc_subject (
    subject_id  UUID                     NOT NULL,
    account_id  UUID                     NOT NULL,
    subject_ref VARCHAR(64)              NOT NULL,
    kind        VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT kyc_subject_pk PRIMARY KEY (subject_id),
    CONSTRAINT kyc_subject_account_unique UNIQUE (account_id),
    CONSTRAINT kyc_subject_ref_unique UNIQUE (subject_ref),
    CONSTRAINT kyc_subject_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT kyc_subject_kind_known CHECK (kind IN ('PERSON', 'LEGAL_ENTITY'))
);
