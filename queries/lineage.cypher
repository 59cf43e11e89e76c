// name: lineage
// description: A body's lineage: its predecessors and successors along SUCCEEDED_BY, with how many steps away and the year of each succession
// param: body: string -- the body's id, name or alias (any case), e.g. MSS
// names: body -> entity
// ids: body, id
//
// For a predecessor, year is when it was succeeded (the start of its own SUCCEEDED_BY link on the way to
// the body); for a successor, when it took over (the start of the link into it). Steps is the shortest
// distance; where several links qualify, the earliest year is given.
MATCH (b)
WHERE NOT b:Document
  AND (b.id = $body
       OR toLower(b.name) = toLower($body)
       OR any(alias IN coalesce(b.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($body)))
CALL (b) {
  MATCH p = (x)-[:SUCCEEDED_BY*]->(b)
  WHERE x <> b
  RETURN 'predecessor' AS relation, x, length(p) AS steps, head(relationships(p)).start AS year
  UNION ALL
  MATCH p = (b)-[:SUCCEEDED_BY*]->(x)
  WHERE x <> b
  RETURN 'successor' AS relation, x, length(p) AS steps, last(relationships(p)).start AS year
}
// years are collected as one-item lists so that no null is dropped silently by the aggregation
WITH b, relation, x, min(steps) AS steps, collect([year]) AS years
WITH b, relation, x, steps,
     reduce(least = null, y IN years |
       CASE WHEN y[0] IS NOT NULL AND (least IS NULL OR y[0] < least) THEN y[0] ELSE least END) AS year
RETURN b.id AS body,
       b.name AS body_name,
       relation,
       steps,
       x.id AS id,
       x.name AS name,
       head([l IN labels(x) WHERE NOT l IN ['Actor', 'Instrument']]) AS type,
       x.start AS start,
       x.end AS end,
       year
ORDER BY body, relation, steps, id
