// name: works
// question: Which works make up a universe, in release order and in in-universe chronology?
// param universe (iri): the universe
// returns: work (iri), title (string), kind (string), year (integer), release_position (integer), chronology_position (integer)
// order: release_position, year, title
MATCH (w:Node)-[r:PART_OF_UNIVERSE]->(u:Node {iri: $universe})
WITH DISTINCT w, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank AND (w:Film OR w:Series)
OPTIONAL MATCH (w)-[:FOLLOWS*1..]->(before:Node)
WITH w, count(DISTINCT before) AS release_position
OPTIONAL MATCH (w)-[:SET_AFTER*1..]->(earlier:Node)
RETURN w.iri AS work, w.name AS title, [l IN labels(w) WHERE l <> 'Node'][0] AS kind, w.release_year AS year,
       release_position, count(DISTINCT earlier) AS chronology_position
