-- The personal-data vault (package org.trademap.server.vault): one data key per subject.
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- wrapped_key = nonce (12 bytes) || AES-256-GCM under the key-encryption key (KEK) of
--               data key (32 bytes) || commitment salt (32 bytes), tag appended;
--               the additional authenticated data binds the subject id and the KEK id.
-- kek_id      = fingerprint of the KEK that wrapped it (not the key): a start-up with another
--               KEK is refused instead of failing on every read.
-- Crypto-shredding sets wrapped_key and kek_id to NULL and records shredded_at; the row stays
-- as a tombstone so the subject can never silently get a new key.
CREATE TABLE vault_subject_key (
    subject_id  UUID                     NOT NULL,
    kek_id      VARCHAR(32),
    wrapped_key BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    shredded_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT vault_subject_key_pk PRIMARY KEY (subject_id),
    CONSTRAINT vault_subject_key_live_or_shredded CHECK (
        (shredded_at IS NULL AND wrapped_key IS NOT NULL AND kek_id IS NOT NULL)
        OR (shredded_at IS NOT NULL AND wrapped_key IS NULL AND kek_id IS NULL))
);

-- The start-up check and KEK rotation look rows up by the KEK that wrapped them.
CREATE INDEX vault_subject_key_kek ON vault_subject_key (kek_id);
