// name: connection
// description: How two actors (or any two entities) are connected: every shortest path between them, with the relationship types and directions along it
// param: from: string -- the first entity's id, name or alias (any case), e.g. MSS
// param: to: string -- the second entity's id, name or alias (any case)
// param: year: int = null -- only entities and relationships that hold in this year
// param: certainty: string = "known" -- known: only facts that hold in the year; possible: facts that hold or whose years are unknown
// names: from -> entity
// names: to -> entity
// ids: ids
//
// Paths never pass through documents (MENTIONED_IN would connect everything a deck names). path shows each
// step with the relationship's stored direction; COLLABORATES_WITH has none.
MATCH (a)
WHERE NOT a:Document
  AND (a.id = $from
       OR toLower(a.name) = toLower($from)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($from)))
MATCH (b)
WHERE NOT b:Document AND b <> a
  AND (b.id = $to
       OR toLower(b.name) = toLower($to)
       OR any(alias IN coalesce(b.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($to)))
  AND ($year IS NULL OR {{holds: a, b}})
MATCH p = ALL SHORTEST (a) ((x)-[r]-(y)
    WHERE type(r) <> 'MENTIONED_IN' AND NOT y:Document
      AND ($year IS NULL OR {{holds: r, y}}))+ (b)
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN length(p) AS hops,
       reduce(text = ns[0].name, k IN range(0, size(rs) - 1) |
         text
         + CASE
             WHEN type(rs[k]) = 'COLLABORATES_WITH' THEN ' -[' + type(rs[k]) + ']- '
             WHEN startNode(rs[k]) = ns[k] THEN ' -[' + type(rs[k]) + ']-> '
             ELSE ' <-[' + type(rs[k]) + ']- '
           END
         + ns[k + 1].name) AS path,
       [r IN rs | type(r)] AS relationships,
       [n IN ns | n.id] AS ids
ORDER BY hops, path
