-- One key per Merkle tree node (issue 16): node = level * 2^56 + idx. With the composite key
-- (level, idx), H2 found each node through a secondary index and then its row: two B-tree searches
-- in different maps, about 11 ms per inclusion proof at 10 M events once the table outgrew the
-- cache. A single BIGINT primary key is H2's row key itself, and ordering by level keeps the few
-- nodes of the upper levels, which every proof reads, on a few pages.
CREATE TABLE ag_tree_node_v6 (
  node BIGINT NOT NULL PRIMARY KEY,
  hash VARBINARY(32) NOT NULL
);
INSERT INTO ag_tree_node_v6 (node, hash)
  SELECT CAST(level AS BIGINT) * 72057594037927936 + idx, hash FROM ag_tree_node;
DROP TABLE ag_tree_node;
ALTER TABLE ag_tree_node_v6 RENAME TO ag_tree_node;
