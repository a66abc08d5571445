-- Updates waiting for a ticketing system (e.g. Jira), kept across restarts, and the ticket key of
-- each record. Several outboxes (one per ticketing provider) share the tables, told apart by name.

CREATE TABLE ag_outbox (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox      TEXT NOT NULL,
  ticket      TEXT NOT NULL,
  kind        TEXT NOT NULL,
  record_id   TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  payload     TEXT NOT NULL,
  enqueued_at BIGINT NOT NULL
);
CREATE INDEX ag_outbox_ticket ON ag_outbox (outbox, ticket, id);

CREATE TABLE ag_outbox_ticket_key (
  outbox     TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  ticket_key TEXT NOT NULL,
  PRIMARY KEY (outbox, record_id)
);
