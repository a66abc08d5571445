-- SQLite (the embedded store). Access records, the evidence chain, checkpoints and db-scheduler's task table.
-- Instants are epoch nanoseconds (BIGINT) so every Instant the service writes reads back exactly;
-- evidence times are epoch milliseconds, as the chain truncates them.

CREATE TABLE ag_record (
  id              TEXT PRIMARY KEY,
  subject         TEXT NOT NULL,
  role_id         TEXT NOT NULL,
  requester       TEXT NOT NULL,
  reason          TEXT NOT NULL,
  state           TEXT NOT NULL,
  requested_at    BIGINT NOT NULL,
  duration        TEXT,
  activated_at    BIGINT,
  expires_at      BIGINT,
  review_due_at   BIGINT,
  ended_at        BIGINT,
  -- expires_at while the record is ACTIVE, otherwise null: the expiry index holds only live grants
  due_at          BIGINT,
  ticket_key      TEXT,
  idempotency_key TEXT UNIQUE,
  version         BIGINT NOT NULL,
  -- sequence of the record's latest event: a reader takes events up to here, never newer ones
  last_seq        BIGINT NOT NULL
);
CREATE INDEX ag_record_requested ON ag_record (requested_at, id);
CREATE INDEX ag_record_subject ON ag_record (subject, requested_at);
CREATE INDEX ag_record_state ON ag_record (state, requested_at);
CREATE INDEX ag_record_due ON ag_record (due_at, id) WHERE due_at IS NOT NULL;

CREATE TABLE ag_evidence (
  seq       BIGINT PRIMARY KEY,
  record_id TEXT NOT NULL,
  type      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  time_ms   BIGINT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX ag_evidence_record ON ag_evidence (record_id, seq);

-- One row: the chain's last sequence and hash. Appending transactions lock it, which makes the
-- chain gapless across threads and processes.
CREATE TABLE ag_chain_head (
  id   INT PRIMARY KEY,
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO ag_chain_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE ag_checkpoint (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  size      BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  time_ms   BIGINT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
);

CREATE TABLE ag_scheduled_tasks (
  task_name            TEXT NOT NULL,
  task_instance        TEXT NOT NULL,
  task_data            BLOB,
  execution_time       TIMESTAMP NOT NULL,
  picked               BOOLEAN NOT NULL,
  picked_by            TEXT,
  last_success         TIMESTAMP,
  last_failure         TIMESTAMP,
  consecutive_failures INT,
  last_heartbeat       TIMESTAMP,
  version              BIGINT NOT NULL,
  priority             SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ag_scheduled_tasks_execution_time ON ag_scheduled_tasks (execution_time);
CREATE INDEX ag_scheduled_tasks_last_heartbeat ON ag_scheduled_tasks (last_heartbeat);
