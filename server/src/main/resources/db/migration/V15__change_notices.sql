-- Change notices (JPX ③-D, ADR 0023 addendum): when a person corrects their
-- personal data or a re-KYC is decided, every company holding an account for them (application
-- APPROVED) is told. package_id is the updated package sealed for that company when the person's
-- sharing consent for it still stands (recorded on the ledger as kyc-sharing.update), else NULL.
-- kind             = PERSONAL_DATA_CHANGED, REKYC_APPROVED or REKYC_REJECTED.
-- acknowledged_*   = when and by which staff account the company marked it as handled.
-- No personal data: the notice says what kind of change, the package carries the data.
CREATE TABLE sharing_change_notice (
    id              UUID                     NOT NULL,
    application_id  UUID                     NOT NULL,
    company_id      VARCHAR(64)              NOT NULL,
    kind            VARCHAR(32)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    package_id      UUID,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    acknowledged_by UUID,
    CONSTRAINT sharing_change_notice_pk PRIMARY KEY (id),
    CONSTRAINT sharing_change_notice_application_fk FOREIGN KEY (application_id)
        REFERENCES sharing_application (id),
    CONSTRAINT sharing_change_notice_company_fk FOREIGN KEY (company_id)
        REFERENCES sharing_company (id),
    CONSTRAINT sharing_change_notice_package_fk FOREIGN KEY (package_id)
        REFERENCES sharing_package (id),
    CONSTRAINT sharing_change_notice_kind_known
        CHECK (kind IN ('PERSONAL_DATA_CHANGED', 'REKYC_APPROVED', 'REKYC_REJECTED'))
);
CREATE INDEX sharing_change_notice_company ON sharing_change_notice (company_id, created_at);
