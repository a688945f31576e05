// name: members
// question: Who belongs to an organization: its members, leaders, people working for it and its parts?
// param organization (iri): the organization
// returns: member (iri), name (string), relation (string), work (iri), sources (list), tier (tier)
// order: relation, name, work
MATCH (m:Node)-[r]->(:Node {iri: $organization})
WHERE type(r) IN ['MEMBER_OF', 'LEADS', 'WORKS_FOR', 'PART_OF']
WITH m, r, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN m.iri AS member, m.name AS name, toLower(type(r)) AS relation, r.work AS work,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
