-- One key per Merkle tree node (issue 16): node = level * 2^56 + idx, as on every database. An
-- INTEGER PRIMARY KEY is SQLite's rowid: one B-tree search per node instead of index then row.
CREATE TABLE ag_tree_node_v6 (
  node INTEGER PRIMARY KEY,
  hash BLOB NOT NULL
);
INSERT INTO ag_tree_node_v6 (node, hash)
  SELECT CAST(level AS INTEGER) * 72057594037927936 + idx, hash FROM ag_tree_node;
DROP TABLE ag_tree_node;
ALTER TABLE ag_tree_node_v6 RENAME TO ag_tree_node;
