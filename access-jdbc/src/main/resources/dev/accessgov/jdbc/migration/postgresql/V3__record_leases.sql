-- Leases on in-flight records: which service instance is provisioning or deprovisioning a record,
-- and when its lease lapses (epoch nanoseconds, by that instance's clock). Written in the same
-- transaction as the intent that puts the record in flight, dropped with the write that takes it
-- out; a takeover of a lapsed lease is one compare-and-set UPDATE on (record_id, owner, lapses_at).
-- An in-flight record without a row (written before this version) counts as lapsed.

CREATE TABLE ag_lease (
  record_id TEXT PRIMARY KEY,
  owner     TEXT NOT NULL,
  lapses_at BIGINT NOT NULL
);
-- renew() moves every lease of one owner at once
CREATE INDEX ag_lease_owner ON ag_lease (owner);
