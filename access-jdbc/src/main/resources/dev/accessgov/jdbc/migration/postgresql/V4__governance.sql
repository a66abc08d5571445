-- Governance state beside the records (GovernanceStore): review campaigns and their items,
-- reminders to reviewers, reclaim notices with their grace deadlines, and reclaim exemptions added
-- at run time. Instants are epoch nanoseconds (BIGINT), as in ag_record. Every write to these tables
-- runs under the chain head lock (the store's group commit), so a check followed by a write in one
-- transaction cannot race another process's write, and a review decision is written in the same
-- transaction that seals its REVIEW_KEPT / REVIEW_REVOKED event.

-- One row per campaign. The spec is JSON (CampaignSpec, every field), read back whole, never
-- queried. created orders campaigns() by creation: one more than the largest, taken under the
-- head lock.
CREATE TABLE ag_campaign (
  id         TEXT PRIMARY KEY,
  spec       TEXT NOT NULL,
  status     VARCHAR(16) NOT NULL,
  started_at BIGINT NOT NULL,
  deadline   BIGINT NOT NULL,
  closed_at  BIGINT,
  created    BIGINT NOT NULL UNIQUE
);

-- One row per review item: the membership snapshot taken when the campaign started, who holds it
-- now, and its decision. The decision columns are null until the transaction that seals the
-- decision's event sets them, with record_id moved to the record that event was written to; an
-- item is decided exactly when decided_at is set, and only a conditional UPDATE ... WHERE
-- decided_at IS NULL sets it, so an item is decided once.
CREATE TABLE ag_review_item (
  campaign_id           TEXT NOT NULL,
  number                INT NOT NULL,
  subject               TEXT NOT NULL,
  application_id        TEXT NOT NULL,
  role_id               TEXT NOT NULL,
  tier                  VARCHAR(16) NOT NULL,
  provider_id           TEXT NOT NULL,
  group_id              TEXT NOT NULL,
  idp_user_id           TEXT NOT NULL,
  department            TEXT,
  title                 TEXT,
  -- AT (with last_login_at), NEVER or UNKNOWN
  last_login            VARCHAR(16) NOT NULL,
  last_login_at         BIGINT,
  record_id             TEXT,
  unexplained           BOOLEAN NOT NULL,
  recommended           VARCHAR(16) NOT NULL,
  recommendation_reason TEXT NOT NULL,
  reviewer              TEXT NOT NULL,
  assigned_to           TEXT NOT NULL,
  escalated             BOOLEAN NOT NULL,
  verdict               VARCHAR(16),
  decided_by            TEXT,
  decision_comment      TEXT,
  decided_at            BIGINT,
  evidence_hash         VARCHAR(128),
  evidence_seq          BIGINT,
  kept_as_exception     BOOLEAN,
  moot                  BOOLEAN,
  PRIMARY KEY (campaign_id, number)
);
-- pending(campaign, reviewer): a reviewer's undecided items in number order
CREATE INDEX ag_review_item_pending ON ag_review_item (campaign_id, reviewer, number) WHERE decided_at IS NULL;

-- Reminders to reviewers, once per Reminder.id() (campaign, deadline, due time, reviewer), listed
-- until delivered_at is set.
CREATE TABLE ag_reminder (
  id            TEXT PRIMARY KEY,
  campaign_id   TEXT NOT NULL,
  campaign_name TEXT NOT NULL,
  reviewer      TEXT NOT NULL,
  pending_items INT NOT NULL,
  deadline      BIGINT NOT NULL,
  due_at        BIGINT NOT NULL,
  delivered_at  BIGINT
);
CREATE INDEX ag_reminder_undelivered ON ag_reminder (due_at, id) WHERE delivered_at IS NULL;

-- Reclaim notices, once per policy and record: the grace deadline (remove_after) of the first
-- notice stands however often the policy runs. A notice is deleted when withdrawn.
CREATE TABLE ag_reclaim_notice (
  policy       TEXT NOT NULL,
  record_id    TEXT NOT NULL,
  subject      TEXT NOT NULL,
  role_id      TEXT NOT NULL,
  given_at     BIGINT NOT NULL,
  remove_after BIGINT NOT NULL,
  delivered_at BIGINT,
  PRIMARY KEY (policy, record_id)
);
CREATE INDEX ag_reclaim_notice_undelivered ON ag_reclaim_notice (given_at, policy, record_id) WHERE delivered_at IS NULL;

-- Reclaim exemptions added at run time. exemption_key is the four fields as a JSON array, nulls
-- included, so an exemption is stored once; added orders them as they were added.
CREATE TABLE ag_exemption (
  exemption_key TEXT PRIMARY KEY,
  person        TEXT,
  role_id       TEXT,
  until_at      BIGINT,
  reason        TEXT NOT NULL,
  added         BIGINT NOT NULL UNIQUE
);
