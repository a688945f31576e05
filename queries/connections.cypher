// name: connections
// question: How is an entity connected: every relation it takes part in, in either direction?
// param entity (iri): the entity
// returns: predicate (string), direction (string), other (iri), name (string), work (iri), sources (list), tier (tier)
// order: predicate, direction, name, work
MATCH (e:Node {iri: $entity})-[r]->(o:Node)
WHERE NOT type(r) IN ['IN_WORK', 'AT_LOCATION', 'HAS_PARTICIPANT']
WITH r, o, 'out' AS direction
WITH r, o, direction, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN toLower(type(r)) AS predicate, direction, o.iri AS other, o.name AS name, r.work AS work,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
UNION
MATCH (e:Node {iri: $entity})<-[r]-(o:Node)
WHERE NOT type(r) IN ['IN_WORK', 'AT_LOCATION', 'HAS_PARTICIPANT']
WITH r, o, 'in' AS direction
WITH r, o, direction, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN toLower(type(r)) AS predicate, direction, o.iri AS other, o.name AS name, r.work AS work,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
