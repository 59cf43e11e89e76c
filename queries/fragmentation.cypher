// name: fragmentation
// description: For each year, how many separate groups of actors run the instruments of that year (actors sharing an instrument they lead, implement or take part in form one group)
// param: from_year: int = null -- first year; default: the earliest year any instrument's span names
// param: to_year: int = null -- last year; default: the latest year any instrument's span names
//
// groups = connected components of the actor-instrument graph made of the roles (LEADS, IMPLEMENTS,
// PARTICIPATES_IN) that hold in the year, between an actor and an instrument that both hold then.
// Each component is found in pure Cypher (no GDS, no APOC): an actor's root is the smallest actor id it
// reaches over those roles (ANY SHORTEST keeps the search to one path per pair); actors with the same root
// form one group. members lists each group's actor ids, groups ordered by their root.
MATCH (i:Instrument)
UNWIND [y IN [i.start, i.end] WHERE y IS NOT NULL] AS y
WITH min(y) AS first, max(y) AS last
WITH coalesce($from_year, first) AS first, coalesce($to_year, last) AS last
WHERE first IS NOT NULL AND last IS NOT NULL
UNWIND range(first, last) AS year
CALL (year) {
  MATCH (a:Actor)-[r:LEADS|IMPLEMENTS|PARTICIPATES_IN]->(i:Instrument)
  WHERE (a.start IS NULL OR a.start <= year) AND (a.end IS NULL OR a.end >= year)
    AND (i.start IS NULL OR i.start <= year) AND (i.end IS NULL OR i.end >= year)
    AND (r.start IS NULL OR r.start <= year) AND (r.end IS NULL OR r.end >= year)
  RETURN count(DISTINCT a) AS actors, count(DISTINCT i) AS instruments
}
CALL (year) {
  MATCH (a:Actor)-[r:LEADS|IMPLEMENTS|PARTICIPATES_IN]->(i:Instrument)
  WHERE (a.start IS NULL OR a.start <= year) AND (a.end IS NULL OR a.end >= year)
    AND (i.start IS NULL OR i.start <= year) AND (i.end IS NULL OR i.end >= year)
    AND (r.start IS NULL OR r.start <= year) AND (r.end IS NULL OR r.end >= year)
  WITH DISTINCT a
  MATCH ANY SHORTEST (a) ((x)-[s:LEADS|IMPLEMENTS|PARTICIPATES_IN]-(z)
      WHERE (s.start IS NULL OR s.start <= year) AND (s.end IS NULL OR s.end >= year)
        AND (z.start IS NULL OR z.start <= year) AND (z.end IS NULL OR z.end >= year))* (b:Actor)
  WITH a, min(b.id) AS root
  ORDER BY a.id
  WITH root, collect(a.id) AS members
  ORDER BY root
  RETURN count(root) AS groups, collect(members) AS members
}
RETURN year, groups, actors, instruments, members
ORDER BY year
