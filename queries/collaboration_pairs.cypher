// name: collaboration_pairs
// description: Pairs of actors that work together, explicitly (COLLABORATES_WITH) or through an instrument both lead, implement or take part in, weighted by the number of distinct channels
// param: year: int = null -- only actors, instruments and relationships that hold in this year
// param: certainty: string = "known" -- known: only facts that hold in the year; possible: facts that hold or whose years are unknown
// param: actor_type: string = null -- only pairs where both actors are of this type, e.g. Ministry for inter-ministerial pairs
// names: actor_type -> Actor
// ids: actor_a, actor_b
//
// weight = the distinct instruments linking the pair (an explicit collaboration's context, or an instrument
// both have a role in; each counted once) + the explicit collaborations that name no instrument.
// explicit = the number of COLLABORATES_WITH relationships between the two.
CALL () {
  MATCH (a:Actor)-[c:COLLABORATES_WITH]-(b:Actor)
  WHERE a.id < b.id
    AND ($actor_type IS NULL OR ($actor_type IN labels(a) AND $actor_type IN labels(b)))
    AND ($year IS NULL OR {{holds: a, b, c}})
  RETURN a, b, coalesce(c.id, elementId(c)) AS link, c.context AS via
  UNION
  MATCH (a:Actor)-[r1:LEADS|IMPLEMENTS|PARTICIPATES_IN]->(i:Instrument)<-[r2:LEADS|IMPLEMENTS|PARTICIPATES_IN]-(b:Actor)
  WHERE a.id < b.id
    AND ($actor_type IS NULL OR ($actor_type IN labels(a) AND $actor_type IN labels(b)))
    AND ($year IS NULL OR {{holds: a, b, i, r1, r2}})
  RETURN a, b, null AS link, i.id AS via
}
WITH a, b, link, via
ORDER BY via
// Maps are never null, so nothing is dropped silently by the aggregation.
WITH a, b, collect({link: link, via: via}) AS channels
WITH a, b,
     size([c IN channels WHERE c.link IS NOT NULL]) AS explicit,
     size([c IN channels WHERE c.link IS NOT NULL AND c.via IS NULL]) AS bare,
     reduce(seen = [], c IN channels | CASE WHEN c.via IS NULL OR c.via IN seen THEN seen ELSE seen + c.via END)
       AS instruments
RETURN a.id AS actor_a,
       a.name AS name_a,
       b.id AS actor_b,
       b.name AS name_b,
       size(instruments) + bare AS weight,
       explicit,
       instruments
ORDER BY weight DESC, actor_a, actor_b
