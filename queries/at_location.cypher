// name: at_location
// question: Which characters are seen at a place (or anywhere inside it), in which work, or live there?
// param location (iri): the location
// returns: character (iri), name (string), how (string), work (iri), place (iri)
// order: name, how, work, place
MATCH (place:Node)-[:LOCATED_IN*0..]->(:Node {iri: $location})
WITH DISTINCT place
MATCH (e:Event)-[:AT_LOCATION]->(place)
MATCH (e)-[r:HAS_PARTICIPANT]->(c:Character)
WITH place, e, c, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN DISTINCT c.iri AS character, c.name AS name, 'event' AS how, e.work AS work, place.iri AS place
UNION
MATCH (place:Node)-[:LOCATED_IN*0..]->(:Node {iri: $location})
WITH DISTINCT place
MATCH (c:Character)-[r:RESIDES_IN]->(place)
WITH place, c, r, reduce(b = 9, t IN r.tiers | CASE WHEN t < b THEN t ELSE b END) AS tier
WHERE tier <= $max_rank
RETURN DISTINCT c.iri AS character, c.name AS name, 'resides_in' AS how, r.work AS work, place.iri AS place
