-- Accounts and their one-time tokens (package org.trademap.server.accounts).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- email     = the address as given, its domain in lower case (FieldRules.email).
-- email_key = the whole address in lower case: the unique key, so that two addresses that differ
--             only in case cannot both sign up (a portable stand-in for a unique index on lower()).
-- Passwords are stored only as Argon2id PHC strings; tokens only as SHA-256 hashes.
CREATE TABLE account (
    id                UUID                     NOT NULL,
    kind              VARCHAR(16)              NOT NULL,
    email             VARCHAR(254)             NOT NULL,
    email_key         VARCHAR(254)             NOT NULL,
    password_hash     VARCHAR(255)             NOT NULL,
    role              VARCHAR(32)              NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    email_verified_at TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_pk PRIMARY KEY (id),
    CONSTRAINT account_email_key_unique UNIQUE (email_key),
    CONSTRAINT account_kind_known CHECK (kind IN ('PERSON', 'LEGAL_ENTITY')),
    CONSTRAINT account_status_known CHECK (status IN ('ACTIVE', 'DISABLED'))
);

-- hash = SHA-256 of the purpose and the raw token (TokenService), 64 hex digits.
CREATE TABLE one_time_token (
    hash       CHAR(64)                 NOT NULL,
    account_id UUID                     NOT NULL,
    purpose    VARCHAR(32)              NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT one_time_token_pk PRIMARY KEY (hash),
    CONSTRAINT one_time_token_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
        ON DELETE CASCADE,
    CONSTRAINT one_time_token_expires_after_issue CHECK (expires_at > issued_at)
);

-- Resending a link invalidates the account's unused tokens of the same purpose.
CREATE INDEX one_time_token_account_purpose ON one_time_token (account_id, purpose);
