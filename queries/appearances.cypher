// name: appearances
// question: In which works does a character appear, and when were they released?
// param character (iri): the character
// returns: work (iri), title (string), year (integer), sources (list), tier (tier)
// order: year, title
MATCH (c:Node {iri: $character})-[r:APPEARS_IN]->(w:Node)
WITH r, w, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN w.iri AS work, w.name AS title, w.release_year AS year,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
