-- Stored identity documents and register extracts (package org.trademap.server.kyc.documents).
-- Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
--
-- Only metadata lives here; the document itself is a file under <trademap.data-dir>/documents/
-- named by storage_name, holding the clean bytes sealed by the personal-data vault (AES-256-GCM
-- under the subject's data key, the purpose "kyc.document:<storage_name>" bound as associated
-- data, so a file renamed onto another document's name is refused as tampered).
--
-- id           = the document's random id, the one the API and the pages show; unrelated to the
--                storage name, so knowing one reveals nothing about the other.
-- storage_name = the random file name; never a name the user chose.
-- kind         = DocumentKind; at most one document of each kind per subject (a new upload of the
--                same kind replaces the old one: row and file).
-- media_type   = DocumentType as decided by the magic bytes (JPEG, PNG or PDF).
-- size_bytes   = the size of the clean (re-encoded) bytes, not of the sealed file.
-- width/height = the displayed pixel size of an image; NULL for a PDF.
-- pages        = the page count of a PDF; 1 for an image.
-- The user's file name is not kept (it may name the person); downloads get a generated name.
CREATE TABLE kyc_document (
    id           UUID                     NOT NULL,
    subject_id   UUID                     NOT NULL,
    kind         VARCHAR(32)              NOT NULL,
    media_type   VARCHAR(8)               NOT NULL,
    size_bytes   INTEGER                  NOT NULL,
    width        INTEGER,
    height       INTEGER,
    pages        INTEGER                  NOT NULL,
    storage_name UUID                     NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT kyc_document_pk PRIMARY KEY (id),
    CONSTRAINT kyc_document_subject_fk FOREIGN KEY (subject_id) REFERENCES kyc_subject (subject_id),
    CONSTRAINT kyc_document_one_per_kind UNIQUE (subject_id, kind),
    CONSTRAINT kyc_document_storage_name_unique UNIQUE (storage_name),
    CONSTRAINT kyc_document_kind_known
        CHECK (kind IN ('PASSPORT_PAGE', 'ID_CARD_FRONT', 'ID_CARD_BACK', 'REGISTER_EXTRACT')),
    CONSTRAINT kyc_document_media_type_known CHECK (media_type IN ('JPEG', 'PNG', 'PDF')),
    CONSTRAINT kyc_document_size_positive CHECK (size_bytes > 0),
    CONSTRAINT kyc_document_pixels_for_images
        CHECK ((media_type = 'PDF' AND width IS NULL AND height IS NULL)
            OR (media_type <> 'PDF' AND width > 0 AND height > 0)),
    CONSTRAINT kyc_document_pages_positive CHECK (pages > 0)
);
