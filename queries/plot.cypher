// name: plot
// question: What happens in a work, event by event, with act, kind, framing and place?
// param work (iri): the work
// returns: event (iri), label (string), kind (string), act (integer), order (integer), time (string), framing (string), location (iri), location_name (string), sources (list), tier (tier)
// order: order, event
MATCH (e:Event)-[r:IN_WORK]->(:Node {iri: $work})
WITH e, r, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
OPTIONAL MATCH (e)-[:AT_LOCATION]->(l:Node)
RETURN e.iri AS event, e.name AS label, e.kind AS kind, e.act AS act, e.order AS order, e.time AS time,
       e.framing AS framing, l.iri AS location, l.name AS location_name,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
