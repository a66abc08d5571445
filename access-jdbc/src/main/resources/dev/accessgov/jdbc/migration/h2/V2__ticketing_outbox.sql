-- Updates waiting for a ticketing system (e.g. Jira), kept across restarts, and the ticket key of
-- each record. Several outboxes (one per ticketing provider) share the tables, told apart by name.

CREATE TABLE ag_outbox (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox      VARCHAR NOT NULL,
  ticket      VARCHAR NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  record_id   VARCHAR NOT NULL,
  seq         BIGINT NOT NULL,
  payload     VARCHAR NOT NULL,
  enqueued_at BIGINT NOT NULL
);
CREATE INDEX ag_outbox_ticket ON ag_outbox (outbox, ticket, id);

CREATE TABLE ag_outbox_ticket_key (
  outbox     VARCHAR NOT NULL,
  record_id  VARCHAR NOT NULL,
  ticket_key VARCHAR NOT NULL,
  PRIMARY KEY (outbox, record_id)
);
