// name: franchise_links
// question: How are a universe's works linked: which follows which, which is set after which, which is a spin-off?
// param universe (iri): the universe
// returns: work (iri), title (string), link (string), other (iri), other_title (string), sources (list), tier (tier)
// order: title, link, other_title
MATCH (w:Node)-[:PART_OF_UNIVERSE]->(:Node {iri: $universe})
WITH DISTINCT w
MATCH (w)-[r]->(o:Node)
WHERE type(r) IN ['FOLLOWS', 'SET_AFTER', 'SPIN_OFF_OF']
WITH w, r, o, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN w.iri AS work, w.name AS title, toLower(type(r)) AS link, o.iri AS other, o.name AS other_title,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
