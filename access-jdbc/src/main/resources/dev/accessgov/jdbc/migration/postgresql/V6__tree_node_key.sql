-- One key per Merkle tree node (issue 16): node = level * 2^56 + idx, as on every database, so
-- proofs read nodes with one IN list on the primary key (see the H2 migration for why).
CREATE TABLE ag_tree_node_v6 (
  node BIGINT NOT NULL,
  hash BYTEA NOT NULL,
  CONSTRAINT ag_tree_node_pk PRIMARY KEY (node)
);
INSERT INTO ag_tree_node_v6 (node, hash)
  SELECT CAST(level AS BIGINT) * 72057594037927936 + idx, hash FROM ag_tree_node;
DROP TABLE ag_tree_node;
ALTER TABLE ag_tree_node_v6 RENAME TO ag_tree_node;
