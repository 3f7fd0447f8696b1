-- Sessions and the second factor (package org.trademap.server.accounts).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- account_session: one row per sign-in, for browser sessions and bearer tokens alike.
-- token_hash = SHA-256 of a fixed label and the raw 256-bit token, 64 hex digits; the raw token
--              lives only in the client (bearer) or in the server's in-memory HTTP session
--              (browser), so a database dump yields no usable session.
-- ended_at   = set by logout, by a password reset (all of the account's sessions) and by the end
--              of a bearer token; a row is live while ended_at is NULL and expires_at is ahead.
CREATE TABLE account_session (
    token_hash CHAR(64)                 NOT NULL,
    account_id UUID                     NOT NULL,
    channel    VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT account_session_pk PRIMARY KEY (token_hash),
    CONSTRAINT account_session_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
        ON DELETE CASCADE,
    CONSTRAINT account_session_channel_known CHECK (channel IN ('BROWSER', 'BEARER')),
    CONSTRAINT account_session_expires_after_creation CHECK (expires_at > created_at)
);

-- Ending all sessions of an account (password reset) finds them by account.
CREATE INDEX account_session_account ON account_session (account_id);

-- account_totp: the enrolled authenticator of an account (at most one), present only while the
-- second factor is switched on.
-- sealed_secret = the base32 secret sealed by the personal-data vault (AES-256-GCM under a data
--                 key of its own vault subject, vault_subject, wrapped by the configured KEK), so a
--                 database dump alone does not reveal it; switching the factor off shreds it.
-- last_step     = the last accepted RFC 6238 time step; a code is accepted only for a later step,
--                 with a conditional update, so no code works twice.
CREATE TABLE account_totp (
    account_id    UUID                     NOT NULL,
    vault_subject UUID                     NOT NULL,
    sealed_secret BYTEA                    NOT NULL,
    algorithm     VARCHAR(16)              NOT NULL,
    digits        INTEGER                  NOT NULL,
    last_step     BIGINT                   NOT NULL,
    enabled_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_totp_pk PRIMARY KEY (account_id),
    CONSTRAINT account_totp_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
        ON DELETE CASCADE,
    CONSTRAINT account_totp_vault_subject_unique UNIQUE (vault_subject),
    CONSTRAINT account_totp_algorithm_known CHECK (algorithm IN ('SHA1', 'SHA256')),
    CONSTRAINT account_totp_digits_range CHECK (digits BETWEEN 6 AND 8)
);
