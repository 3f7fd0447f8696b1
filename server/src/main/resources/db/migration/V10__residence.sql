-- Residence confirmation letters (package org.trademap.server.checks.residence, ADR 0018).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- residence_letter: one row per letter. No name, no address and no code in clear:
-- subject_ref  = the subject's pseudonymous reference (kyc_subject).
-- issue        = 1, 2, … per subject; the highest is the current letter, the only one whose code
--                counts. The unique key makes two concurrent generations for one subject collide.
-- state        = GENERATED, SENT, CONFIRMED, RETURNED, LOCKED or SUPERSEDED; "expired" is not
--                stored: a GENERATED or SENT letter is expired from expires_at on.
-- code_hash    = HMAC-SHA256 under the vault's pepper over the subject's salt, the letter id and the
--                code (32 bytes); compared in constant time.
-- language     = the language of the letter's text (en, de).
-- *_by         = operators' account ids.
-- failed_attempts = wrong codes entered for the letter; the configured maximum locks it.
-- unprintable  = characters of the address no font of the letter had (printed as ?).
-- sealed_pdf   = the letter as PDF sealed by the vault (purpose residence.letter:<id>), kept only
--                while the letter waits to be printed: every other state clears it.
CREATE TABLE residence_letter (
    id              UUID                     NOT NULL,
    subject_ref     VARCHAR(64)              NOT NULL,
    issue           INTEGER                  NOT NULL,
    state           VARCHAR(16)              NOT NULL,
    code_hash       BYTEA                    NOT NULL,
    language        VARCHAR(8)               NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    generated_by    UUID                     NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    sent_by         UUID,
    confirmed_at    TIMESTAMP WITH TIME ZONE,
    returned_at     TIMESTAMP WITH TIME ZONE,
    returned_by     UUID,
    locked_at       TIMESTAMP WITH TIME ZONE,
    superseded_at   TIMESTAMP WITH TIME ZONE,
    failed_attempts INTEGER                  NOT NULL,
    unprintable     INTEGER                  NOT NULL,
    sealed_pdf      BYTEA,
    CONSTRAINT residence_letter_pk PRIMARY KEY (id),
    CONSTRAINT residence_letter_issue_unique UNIQUE (subject_ref, issue),
    CONSTRAINT residence_letter_subject_fk FOREIGN KEY (subject_ref)
        REFERENCES kyc_subject (subject_ref),
    CONSTRAINT residence_letter_state_known
        CHECK (state IN ('GENERATED', 'SENT', 'CONFIRMED', 'RETURNED', 'LOCKED', 'SUPERSEDED')),
    CONSTRAINT residence_letter_issue_positive CHECK (issue > 0),
    CONSTRAINT residence_letter_expires_after_creation CHECK (expires_at > created_at),
    CONSTRAINT residence_letter_counts_not_negative
        CHECK (failed_attempts >= 0 AND unprintable >= 0),
    CONSTRAINT residence_letter_dispatch_whole
        CHECK ((sent_at IS NULL AND sent_by IS NULL) OR (sent_at IS NOT NULL AND sent_by IS NOT NULL)),
    CONSTRAINT residence_letter_sent_has_dispatch CHECK (state <> 'SENT' OR sent_at IS NOT NULL),
    CONSTRAINT residence_letter_returned_whole
        CHECK (state <> 'RETURNED'
            OR (sent_at IS NOT NULL AND returned_at IS NOT NULL AND returned_by IS NOT NULL)),
    CONSTRAINT residence_letter_confirmed_has_time CHECK (state <> 'CONFIRMED' OR confirmed_at IS NOT NULL),
    CONSTRAINT residence_letter_locked_has_time CHECK (state <> 'LOCKED' OR locked_at IS NOT NULL),
    CONSTRAINT residence_letter_superseded_has_time
        CHECK (state <> 'SUPERSEDED' OR superseded_at IS NOT NULL),
    CONSTRAINT residence_letter_pdf_only_while_generated
        CHECK (sealed_pdf IS NULL OR state = 'GENERATED')
);

-- residence_attempt: every wrong code entered (the per-account throttle counts them in a sliding
-- window). attempt = the letter's failed_attempts after this one. Nothing of the code is kept.
CREATE TABLE residence_attempt (
    letter_id    UUID                     NOT NULL,
    attempt      INTEGER                  NOT NULL,
    account_id   UUID                     NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT residence_attempt_pk PRIMARY KEY (letter_id, attempt),
    CONSTRAINT residence_attempt_letter_fk FOREIGN KEY (letter_id) REFERENCES residence_letter (id),
    CONSTRAINT residence_attempt_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
        ON DELETE CASCADE
);

CREATE INDEX residence_attempt_account_time ON residence_attempt (account_id, attempted_at);
