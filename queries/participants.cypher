// name: participants
// question: Who takes part in each event of a work, and in which role?
// param work (iri): the work
// returns: event (iri), order (integer), participant (iri), name (string), role (string)
// order: order, role, name
MATCH (e:Event)-[:IN_WORK]->(:Node {iri: $work})
MATCH (e)-[r:HAS_PARTICIPANT]->(p:Node)
WITH e, r, p, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN DISTINCT e.iri AS event, e.order AS order, p.iri AS participant, p.name AS name, r.role AS role
