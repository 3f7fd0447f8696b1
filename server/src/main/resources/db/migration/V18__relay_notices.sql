-- Change notices (③-D) reaching a securities company's own server through the consortium's relay,
-- and the relay's cursors (ADR 0035).

-- sharing_received_notice: on a company's own server, the change notices the relay handed out.
-- package_id              = the updated package that came with it (fetched like any package, into
--                           sharing_received), NULL if the person's sharing consent was withdrawn.
-- acknowledged_at/_by     = when and by which of this server's staff it was marked handled.
-- acknowledgement_reported = when the consortium's relay took the acknowledgement.
CREATE TABLE sharing_received_notice (
    id                       UUID                     NOT NULL,
    application_id           UUID                     NOT NULL,
    company_id               VARCHAR(64)              NOT NULL,
    kind                     VARCHAR(32)              NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    package_id               UUID,
    received_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at          TIMESTAMP WITH TIME ZONE,
    acknowledged_by          UUID,
    acknowledgement_reported TIMESTAMP WITH TIME ZONE,
    CONSTRAINT sharing_received_notice_pk PRIMARY KEY (id),
    CONSTRAINT sharing_received_notice_company_fk FOREIGN KEY (company_id)
        REFERENCES sharing_company (id),
    CONSTRAINT sharing_received_notice_kind_known
        CHECK (kind IN ('PERSONAL_DATA_CHANGED', 'REKYC_APPROVED', 'REKYC_REJECTED'))
);
CREATE INDEX sharing_received_notice_company ON sharing_received_notice (company_id, created_at);

-- sharing_relay_cursor: on a company's own server, how far it read each relay list
-- (list = 'packages' or 'notices'); the cursor is the relay's, opaque here.
CREATE TABLE sharing_relay_cursor (
    company_id VARCHAR(64)  NOT NULL,
    list       VARCHAR(16)  NOT NULL,
    position   VARCHAR(200) NOT NULL,
    CONSTRAINT sharing_relay_cursor_pk PRIMARY KEY (company_id, list)
);

CREATE INDEX sharing_package_company_created ON sharing_package (company_id, created_at, id);
