-- The ID document judgment joined to the cases (package org.trademap.server.checks.document):
-- the latest judgment of each subject's identity document, so that the case page shows it without
-- running OCR again and it survives restarts. Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
--
-- reading_sealed = what OCR read (the zone's lines or the text seen, the pass, the confidence), as
--                  JSON sealed by the personal-data vault under the subject's data key: it goes
--                  with the subject when the subject is erased.
-- kind           = the judged document's kind (PASSPORT_PAGE, ID_CARD_BACK, ID_CARD_FRONT) or NULL
-- document_id    = the judged stored document, or NULL when there was none to judge
-- expiry_date    = the expiry date of the parsed zone, or NULL unless the zone parsed; the expiry
--                  job reopens the ID document check once it has passed
-- expiry_reopened = the expiry date the check was reopened for (once per expiry), or NULL
CREATE TABLE document_judgment (
    subject_ref     VARCHAR(64)              NOT NULL,
    judged_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    document_id     UUID,
    kind            VARCHAR(24),
    reading_sealed  BYTEA                    NOT NULL,
    expiry_date     DATE,
    expiry_reopened DATE,
    CONSTRAINT document_judgment_pk PRIMARY KEY (subject_ref)
);

CREATE INDEX document_judgment_expiry ON document_judgment (expiry_date);
