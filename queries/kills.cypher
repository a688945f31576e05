// name: kills
// question: Whom did a character (or organization) kill, and in which work?
// param killer (iri): the killer
// returns: victim (iri), name (string), work (iri), title (string), sources (list), tier (tier)
// order: name, title
MATCH (:Node {iri: $killer})-[r:KILLED]->(v:Node)
WITH r, v, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
OPTIONAL MATCH (w:Node {iri: r.work})
RETURN v.iri AS victim, v.name AS name, r.work AS work, w.name AS title,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
