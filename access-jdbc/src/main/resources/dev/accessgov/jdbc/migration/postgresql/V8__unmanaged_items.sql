-- Unmanaged accounts (issue 20): whether a review item's account lies outside the organisation's
-- verified domains. Items stored before this migration were never judged, so they read as not
-- unmanaged, which is what a service without verified domains marks.
ALTER TABLE ag_review_item ADD COLUMN unmanaged BOOLEAN NOT NULL DEFAULT FALSE;
