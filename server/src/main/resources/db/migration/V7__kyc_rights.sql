-- The rights of the person (package org.trademap.server.kyc.rights): the end of the business
-- relationship and the record of erasures. Portable SQL: runs unchanged on PostgreSQL and on H2 in
-- PostgreSQL mode. Neither table holds personal data: accounts are named by their random ids.

-- kyc_relationship_end: when the account's person ended the business relationship (at most once;
-- the AMLA retention period of 10 years runs from this time). The relationship started when the
-- KYC file was submitted (kyc_file.submitted_at).
CREATE TABLE kyc_relationship_end (
    account_id UUID                     NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT kyc_relationship_end_pk PRIMARY KEY (account_id),
    CONSTRAINT kyc_relationship_end_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
        ON DELETE CASCADE
);

-- kyc_erasure: one row per erased account: when its personal data was crypto-shredded (ADR 0014).
-- Kept as the proof that the request was carried out; holds no personal data and no foreign key,
-- so it outlives the account row.
CREATE TABLE kyc_erasure (
    account_id UUID                     NOT NULL,
    erased_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT kyc_erasure_pk PRIMARY KEY (account_id)
);
