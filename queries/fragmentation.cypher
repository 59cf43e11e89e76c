// name: fragmentation
// description: For each year, how many separate groups of actors run the instruments of that year (actors sharing an instrument they lead, implement or take part in form one group), optionally in one policy area
// param: from_year: int = null -- first year; default: the earliest year any instrument (of the area) names
// param: to_year: int = null -- last year; default: the latest year any instrument (of the area) names
// param: area: string = null -- a policy area: an entity's id, name or alias (a strategy, law or target group); all instruments when omitted
//
// groups = connected components of the actor-instrument graph made of the roles (LEADS, IMPLEMENTS,
// PARTICIPATES_IN) that hold in the year, between an actor and an instrument that both hold then.
// Each component is found in pure Cypher (no GDS, no APOC): an actor's root is the smallest actor id it
// reaches over those roles (ANY SHORTEST keeps the search to one path per pair); actors with the same root
// form one group. members lists each group's actor ids, groups ordered by their root.
//
// The area's instruments: the area itself if it is one, and every instrument that reaches it through
// other instruments by PART_OF or TARGETS (a programme within a strategy, aimed at a target group) or is
// provided for by it (PROVIDES_FOR from a law), whatever the years.
CALL () {
  MATCH (area)
  WHERE $area IS NOT NULL AND NOT area:Document
    AND (area.id = $area
         OR toLower(area.name) = toLower($area)
         OR any(alias IN coalesce(area.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($area)))
  MATCH ANY SHORTEST (i:Instrument) ((x:Instrument)-[r:PART_OF|TARGETS|PROVIDES_FOR]-(y)
      WHERE (type(r) <> 'PROVIDES_FOR' AND startNode(r) = x) OR (type(r) = 'PROVIDES_FOR' AND startNode(r) = y))*
    (area)
  RETURN collect(DISTINCT i.id) AS scope
}
WITH CASE WHEN $area IS NULL THEN null ELSE scope END AS scope
CALL (scope) {
  MATCH (i:Instrument)
  WHERE scope IS NULL OR i.id IN scope
  UNWIND [y IN [i.start, i.end] WHERE y IS NOT NULL] AS y
  RETURN min(y) AS first, max(y) AS last
}
WITH scope, coalesce($from_year, first) AS first, coalesce($to_year, last) AS last
WHERE first IS NOT NULL AND last IS NOT NULL
UNWIND range(first, last) AS year
CALL (year, scope) {
  MATCH (a:Actor)-[r:LEADS|IMPLEMENTS|PARTICIPATES_IN]->(i:Instrument)
  WHERE (scope IS NULL OR i.id IN scope)
    AND (a.start IS NULL OR a.start <= year) AND (a.end IS NULL OR a.end >= year)
    AND (i.start IS NULL OR i.start <= year) AND (i.end IS NULL OR i.end >= year)
    AND (r.start IS NULL OR r.start <= year) AND (r.end IS NULL OR r.end >= year)
  RETURN count(DISTINCT a) AS actors, count(DISTINCT i) AS instruments
}
CALL (year, scope) {
  MATCH (a:Actor)-[r:LEADS|IMPLEMENTS|PARTICIPATES_IN]->(i:Instrument)
  WHERE (scope IS NULL OR i.id IN scope)
    AND (a.start IS NULL OR a.start <= year) AND (a.end IS NULL OR a.end >= year)
    AND (i.start IS NULL OR i.start <= year) AND (i.end IS NULL OR i.end >= year)
    AND (r.start IS NULL OR r.start <= year) AND (r.end IS NULL OR r.end >= year)
  WITH DISTINCT a
  MATCH ANY SHORTEST (a) ((x)-[s:LEADS|IMPLEMENTS|PARTICIPATES_IN]-(z)
      WHERE (s.start IS NULL OR s.start <= year) AND (s.end IS NULL OR s.end >= year)
        AND (z.start IS NULL OR z.start <= year) AND (z.end IS NULL OR z.end >= year)
        AND (scope IS NULL OR z:Actor OR z.id IN scope))* (b:Actor)
  WITH a, min(b.id) AS root
  ORDER BY a.id
  WITH root, collect(a.id) AS members
  ORDER BY root
  RETURN count(root) AS groups, collect(members) AS members
}
RETURN year, groups, actors, instruments, members
ORDER BY year
