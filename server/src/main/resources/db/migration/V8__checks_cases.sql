-- The back office (package org.trademap.server.checks): cases, their tasks, the pseudonyms staff
-- act under on the ledger, the KYC keys and the audit log.
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- Free text staff write (reasons of results and decisions, notes of a send-back) may name the
-- person, so it is sealed by the personal-data vault under the subject's data key (columns *_sealed)
-- and goes with it when the subject is erased. Nothing here is personal data otherwise.

-- check_case: one per account, opened when the account submits its KYC file.
-- state          = OPEN (checks under way), APPROVED, REJECTED or NEEDS_INFORMATION (decided).
-- decision_round = how many decisions were made; part of each decision's outbox key.
-- decided_*      = the latest decision (kept while a reopened case is OPEN again, for the history).
-- reopened_*     = the latest re-KYC: when and why (ReopenReason), NULL if never reopened.
CREATE TABLE check_case (
    id                     UUID                     NOT NULL,
    account_id             UUID                     NOT NULL,
    subject_ref            VARCHAR(64)              NOT NULL,
    file_revision          INTEGER                  NOT NULL,
    opened_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    state                  VARCHAR(24)              NOT NULL,
    decision_round         INTEGER                  NOT NULL,
    decision               VARCHAR(24),
    decided_by             UUID,
    decided_at             TIMESTAMP WITH TIME ZONE,
    decision_reason_sealed BYTEA,
    reopened_at            TIMESTAMP WITH TIME ZONE,
    reopen_reason          VARCHAR(32),
    CONSTRAINT check_case_pk PRIMARY KEY (id),
    CONSTRAINT check_case_account_unique UNIQUE (account_id),
    CONSTRAINT check_case_subject_ref_unique UNIQUE (subject_ref),
    CONSTRAINT check_case_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
    CONSTRAINT check_case_state_known
        CHECK (state IN ('OPEN', 'APPROVED', 'REJECTED', 'NEEDS_INFORMATION')),
    CONSTRAINT check_case_decision_known
        CHECK (decision IS NULL OR decision IN ('APPROVED', 'REJECTED', 'NEEDS_INFORMATION'))
);

-- check_task: one per case and check process (ID_DOCUMENT, SANCTIONS_SCREENING, ...).
-- state      = OPEN (in the queue), CLAIMED (one operator works it), AWAITING_APPROVAL (completed as
--              high-risk or override; a supervisor must approve), DONE (final; recorded on the
--              ledger under ledger_key).
-- round      = 1, one more each time the task goes back to the queue (send-back, re-KYC): part of
--              the outbox key of its ledger record.
-- opened_at  = when the task (re-)entered the queue: its age.
-- proposed_* = a result a check-specific part proposes (e.g. the MRZ judgment, a list hit); the
--              operator confirms or overrides it.
CREATE TABLE check_task (
    id                 UUID                     NOT NULL,
    case_id            UUID                     NOT NULL,
    process            VARCHAR(32)              NOT NULL,
    state              VARCHAR(24)              NOT NULL,
    round              INTEGER                  NOT NULL,
    opened_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    reopen_reason      VARCHAR(32),
    claimed_by         UUID,
    claimed_at         TIMESTAMP WITH TIME ZONE,
    result             VARCHAR(24),
    reason_sealed      BYTEA,
    high_risk          BOOLEAN                  NOT NULL,
    override_flag      BOOLEAN                  NOT NULL,
    completed_by       UUID,
    completed_at       TIMESTAMP WITH TIME ZONE,
    approved_by        UUID,
    approved_at        TIMESTAMP WITH TIME ZONE,
    returned_by        UUID,
    note_sealed        BYTEA,
    proposed_result    VARCHAR(24),
    proposed_high_risk BOOLEAN                  NOT NULL,
    proposed_note      VARCHAR(64),
    proposed_at        TIMESTAMP WITH TIME ZONE,
    ledger_key         VARCHAR(200),
    CONSTRAINT check_task_pk PRIMARY KEY (id),
    CONSTRAINT check_task_case_process_unique UNIQUE (case_id, process),
    CONSTRAINT check_task_case_fk FOREIGN KEY (case_id) REFERENCES check_case (id),
    CONSTRAINT check_task_state_known
        CHECK (state IN ('OPEN', 'CLAIMED', 'AWAITING_APPROVAL', 'DONE')),
    CONSTRAINT check_task_result_known
        CHECK (result IS NULL OR result IN ('PASSED', 'FAILED', 'NEEDS_INFORMATION')),
    CONSTRAINT check_task_claimed_whole CHECK (state <> 'CLAIMED' OR claimed_by IS NOT NULL),
    CONSTRAINT check_task_completed_whole CHECK (
        state NOT IN ('AWAITING_APPROVAL', 'DONE')
        OR (result IS NOT NULL AND completed_by IS NOT NULL AND completed_at IS NOT NULL))
);

-- The work queue lists the tasks of one process that are open or claimed.
CREATE INDEX check_task_process_state ON check_task (process, state);

-- check_staff_pseudonym: the pseudonym a staff account acts under on the ledger: "op-" and 16
-- random base32 characters, made on first use and never changed; it says nothing about the person.
CREATE TABLE check_staff_pseudonym (
    account_id UUID                     NOT NULL,
    pseudonym  VARCHAR(64)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT check_staff_pseudonym_pk PRIMARY KEY (account_id),
    CONSTRAINT check_staff_pseudonym_unique UNIQUE (pseudonym),
    CONSTRAINT check_staff_pseudonym_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);

-- check_kyc_key: the KYC keys of approved subjects, one row per revision. Only the commitment
-- (SHA-256 over a fixed label and the key's 32 bytes) is kept; the key itself was shown once.
-- revoked_at = when a later revision (or a rejection) revoked it; NULL for the current key.
CREATE TABLE check_kyc_key (
    subject_ref VARCHAR(64)              NOT NULL,
    revision    INTEGER                  NOT NULL,
    account_id  UUID                     NOT NULL,
    commitment  BYTEA                    NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    ledger_key  VARCHAR(200)             NOT NULL,
    CONSTRAINT check_kyc_key_pk PRIMARY KEY (subject_ref, revision),
    CONSTRAINT check_kyc_key_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
);

-- check_audit: every staff action, append-only (the application only inserts). Who (a staff
-- account, NULL for the server itself), what (a stable action code), when (UTC), on which case,
-- task or account. Never personal data.
CREATE TABLE check_audit (
    seq       BIGINT GENERATED BY DEFAULT AS IDENTITY,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    staff_id  UUID,
    action    VARCHAR(48)              NOT NULL,
    case_id   UUID,
    task_id   UUID,
    target_id UUID,
    CONSTRAINT check_audit_pk PRIMARY KEY (seq)
);

CREATE INDEX check_audit_case ON check_audit (case_id, seq);
