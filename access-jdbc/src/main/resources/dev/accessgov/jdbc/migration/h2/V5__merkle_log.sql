-- The evidence log as an RFC 9162 Merkle tree (issue 16). Every appending transaction, which holds
-- the chain head lock, adds the hash of each subtree its events complete to ag_tree_node and keeps
-- the tree's right edge (one hash per set bit of tree_size, largest subtree first, lower-case hex
-- concatenated) in the head row: appending is O(log n) and roots and proofs are read from
-- ag_tree_node in one query. A store migrated here with events already in it has tree_size 0; the
-- first appending transaction builds the tree of those events before it appends.
ALTER TABLE ag_chain_head ADD COLUMN tree_size BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ag_chain_head ADD COLUMN tree_edge VARCHAR NOT NULL DEFAULT '';

CREATE TABLE ag_tree_node (
  level SMALLINT NOT NULL,
  idx   BIGINT NOT NULL,
  hash  VARBINARY(32) NOT NULL,
  PRIMARY KEY (level, idx)
);

-- Checkpoints are C2SP signed notes of the tree's root from now on. The JSON checkpoints of
-- ag_checkpoint signed the chain's head hash, which no verifier reads any more; the table is left
-- as it was, so nothing signed before is lost.
CREATE TABLE ag_checkpoint_note (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  size    BIGINT NOT NULL,
  time_ms BIGINT NOT NULL,
  note    VARCHAR NOT NULL
);
CREATE INDEX ag_checkpoint_note_size ON ag_checkpoint_note (size, time_ms);
