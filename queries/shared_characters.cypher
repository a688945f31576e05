// name: shared_characters
// question: Which characters appear in more than one work of a universe?
// param universe (iri): the universe
// returns: character (iri), name (string), count (integer), works (list)
// order: count, name
MATCH (c:Character)-[r:APPEARS_IN]->(w:Node)-[:PART_OF_UNIVERSE]->(:Node {iri: $universe})
WITH c, w, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
WITH c, collect(DISTINCT w.iri) AS works
WHERE size(works) > 1
RETURN c.iri AS character, c.name AS name, size(works) AS count, works
