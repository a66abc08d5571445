-- What the lifecycle machinery last knew of each person's directory attributes (issue 21), so the
-- directory reconciliation job notices a change made without a lifecycle call once, and a
-- transfer stopped midway finishes under the same lifecycle event. Attributes are JSON objects
-- (name to value, sorted by name). A row moves only by compare-and-set on version, under the chain
-- head lock, so of several instances noticing one change exactly one claims it. A pending event
-- keeps who claimed it and why, so recover() can finish it as its caller would have.
CREATE TABLE ag_directory_state (
  person        TEXT PRIMARY KEY,
  version       BIGINT NOT NULL,
  seen          TEXT NOT NULL,
  pending_event TEXT,
  pending       TEXT NOT NULL,
  last_event    TEXT,
  updated_at    BIGINT NOT NULL,
  claimed_by    TEXT,
  claim_reason  TEXT
);
