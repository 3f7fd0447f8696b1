-- A securities company's own checks before it decides an account opening (package
-- org.trademap.server.sharing.ownchecks): its own list of anti-social forces (ASF), the screening
-- of a package's parties against that list, and the suitability assessment. They stay with the
-- company: nothing of them goes to the ledger. Portable SQL: PostgreSQL and H2 in PostgreSQL mode.

-- sharing_own_asf_list: the current version of a company's own ASF list.
-- list_version = 1 for the first upload, one more for every upload after it.
CREATE TABLE sharing_own_asf_list (
    company_id   VARCHAR(64)              NOT NULL,
    list_version BIGINT                   NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by   UUID                     NOT NULL,
    entry_count  INTEGER                  NOT NULL,
    CONSTRAINT sharing_own_asf_list_pk PRIMARY KEY (company_id),
    CONSTRAINT sharing_own_asf_list_company_fk FOREIGN KEY (company_id)
        REFERENCES sharing_company (id)
);

-- sharing_own_asf_entry: the entries of a company's current list, replaced by every upload.
-- entry_key  = derived from the normalised name and the birth date (stable over uploads).
-- source_row = the entry's row in the uploaded CSV.
-- The entries are the company's own list content (as the consortium's ASF list entries are the
-- consortium's), not the data of the people who apply.
CREATE TABLE sharing_own_asf_entry (
    company_id VARCHAR(64)   NOT NULL,
    entry_key  VARCHAR(64)   NOT NULL,
    source_row BIGINT        NOT NULL,
    name       VARCHAR(300)  NOT NULL,
    birth_date VARCHAR(32),
    note       VARCHAR(1000) NOT NULL,
    CONSTRAINT sharing_own_asf_entry_pk PRIMARY KEY (company_id, entry_key),
    CONSTRAINT sharing_own_asf_entry_list_fk FOREIGN KEY (company_id)
        REFERENCES sharing_own_asf_list (company_id)
);

-- sharing_own_check: the latest own check of each kind for an application.
-- kind          = ASF (screening against the company's list) or SUITABILITY.
-- outcome       = ASF: CLEAR, HITS_OPEN, HITS_CLEARED; SUITABILITY: SUITABLE, RESTRICTED,
--                 NOT_SUITABLE.
-- blocking      = whether it keeps the company from approving (an open hit, not suitable).
-- list_version  = ASF: the version of the company's list that was screened against.
-- detail_sealed = the hits or the answers and reasons as JSON, sealed under the subject's vault key
--                 (they quote the person's data; erasure shreds them); on a company's own server
--                 (ADR 0035), which has no vault subject for the person, under the company's key.
-- application_id names a row of sharing_application where the consortium hosts the company, or of
-- sharing_received on a company's own server, so it has no foreign key.
CREATE TABLE sharing_own_check (
    application_id UUID                     NOT NULL,
    kind           VARCHAR(16)              NOT NULL,
    company_id     VARCHAR(64)              NOT NULL,
    outcome        VARCHAR(16)              NOT NULL,
    blocking       BOOLEAN                  NOT NULL,
    list_version   BIGINT,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by    UUID                     NOT NULL,
    detail_sealed  BYTEA                    NOT NULL,
    CONSTRAINT sharing_own_check_pk PRIMARY KEY (application_id, kind),
    CONSTRAINT sharing_own_check_kind_known CHECK (kind IN ('ASF', 'SUITABILITY'))
);
