// name: portrayals
// question: Who portrays a character, in which work?
// param character (iri): the character
// returns: actor (iri), name (string), work (iri), title (string), sources (list), tier (tier)
// order: name, title
MATCH (c:Node {iri: $character})-[r:PORTRAYED_BY]->(a:Node)
WITH r, a, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
OPTIONAL MATCH (w:Node {iri: r.work})
RETURN a.iri AS actor, a.name AS name, r.work AS work, w.name AS title,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
