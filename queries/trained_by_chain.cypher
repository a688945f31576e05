// name: trained_by_chain
// question: Who trained a character, who trained their mentors, and so on up the chain?
// param character (iri): the student at the bottom of the chain
// returns: student (iri), student_name (string), mentor (iri), mentor_name (string), sources (list), tier (tier)
// order: student_name, mentor_name
MATCH (c:Node {iri: $character})-[:TRAINED_BY*0..]->(s:Node)
WITH DISTINCT s
MATCH (s)-[r:TRAINED_BY]->(m:Node)
WITH s, r, m, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN s.iri AS student, s.name AS student_name, m.iri AS mentor, m.name AS mentor_name,
       [i IN range(0, size(r.sources) - 1) WHERE r.tiers[i] <= $max_rank | r.sources[i]] AS sources
