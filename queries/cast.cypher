// name: cast
// question: Who acts in a work, and as which character?
// param work (iri): the work
// returns: actor (iri), name (string), character (iri), character_name (string), sources (list), tier (tier)
// order: name, character_name
MATCH (:Node {iri: $work})-[r:CAST_MEMBER]->(a:Node)
WITH r, a, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
OPTIONAL MATCH (ch:Node {iri: r.character})
RETURN a.iri AS actor, a.name AS name, r.character AS character, ch.name AS character_name,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
