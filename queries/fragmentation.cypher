// name: fragmentation
// description: For each year, how many separate groups of actors run the instruments of that year (actors involved in one instrument somebody leads or implements, or collaborating, form one group), optionally in one policy area
// param: from_year: int = null -- first year; default: the earliest year any instrument (of the area) names
// param: to_year: int = null -- last year; default: the latest year any instrument (of the area) names
// param: certainty: string = "known" -- known: count only facts that hold in each year; possible: facts that hold or whose years are unknown
// param: area: string = null -- a policy area: an entity's id, name or alias (a strategy, law or target group); all instruments when omitted
// names: area -> entity
//
// The measure is the one graph/coordination.py defines (queries.offline.fragmentation answers from it; a
// test checks both engines give equal rows). In a year, an instrument *runs* when an actor LEADS or
// IMPLEMENTS it; the actors involved in running instruments (leading, implementing or taking part) are
// tied when they share one or COLLABORATES_WITH each other, and the groups are the connected components
// of those ties, with every actor, instrument and relationship counting in the year by the as-of rule
// (graph/model/holds.py, expanded from {{holds in year: ...}} by the query library) at $certainty.
// Components are found in pure Cypher (no GDS, no APOC) by merging crews: each running instrument's
// actors form a crew, and so does each collaborating pair; a reduce() over the crews merges every group a
// crew touches into one. That costs about crews x actors list look-ups per year: instant for a country's
// map, slow past ~10^4 of each. (A path search per actor, ANY SHORTEST over the roles, was tried first:
// minutes per year at 2,000 nodes.) members lists each group's actor ids in order, groups ordered by their
// first member.
//
// The area's instruments: the area itself if it is one, what it provides for if it is a law
// (PROVIDES_FOR), and every instrument that reaches one of those through other instruments by PART_OF,
// TARGETS or SUCCEEDED_BY (a programme within a strategy, aimed at a target group, replaced by a later
// programme), whatever the years.
CALL () {
  MATCH (area)
  WHERE $area IS NOT NULL AND NOT area:Document
    AND (area.id = $area
         OR toLower(area.name) = toLower($area)
         OR any(alias IN coalesce(area.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($area)))
  OPTIONAL MATCH (area)-[:PROVIDES_FOR]->(provided:Instrument)
  WITH collect(DISTINCT area) + collect(DISTINCT provided) AS roots
  UNWIND roots AS root
  MATCH (i:Instrument) ((x:Instrument)-[:PART_OF|TARGETS|SUCCEEDED_BY]->(y))* (root)
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
  MATCH (lead:Actor)-[run:LEADS|IMPLEMENTS]->(i:Instrument)
  WHERE (scope IS NULL OR i.id IN scope)
    AND {{holds in year: lead, i, run}}
  WITH DISTINCT i
  MATCH (a:Actor)-[r:LEADS|IMPLEMENTS|PARTICIPATES_IN]->(i)
  WHERE {{holds in year: a, r}}
  WITH i, collect(DISTINCT a.id) AS crew
  WITH collect(crew) AS crews
  WITH crews, reduce(seen = [], crew IN crews | seen + [x IN crew WHERE NOT x IN seen]) AS involved
  CALL (involved, year) {
    MATCH (x:Actor)-[c:COLLABORATES_WITH]-(y:Actor)
    WHERE x.id < y.id AND x.id IN involved AND y.id IN involved
      AND {{holds in year: c}}
    RETURN collect(DISTINCT [x.id, y.id]) AS pairs
  }
  CALL (crews, pairs) {
    WITH reduce(groups = [], crew IN crews + pairs |
           [g IN groups WHERE none(x IN crew WHERE x IN g)]
           + [reduce(merged = reduce(joined = [], g IN [g IN groups WHERE any(x IN crew WHERE x IN g)] | joined + g),
                     x IN crew | CASE WHEN x IN merged THEN merged ELSE merged + x END)]) AS groups
    UNWIND range(0, size(groups) - 1) AS k
    UNWIND groups[k] AS member
    WITH k, member
    ORDER BY member
    WITH k, collect(member) AS members
    ORDER BY members[0]
    RETURN count(k) AS groups, collect(members) AS members
  }
  RETURN groups, size(involved) AS actors, size(crews) AS instruments, members
}
RETURN year, groups, actors, instruments, members
ORDER BY year
