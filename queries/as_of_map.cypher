// name: as_of_map
// description: The institutional map in a year: actors and instruments that exist then, and the relationships among them that hold then (an entity with none appears once, with empty relationship columns)
// param: year: int -- the year to look at, e.g. 2007
//
// As-of rule (the same as graph.model.holds_in): a fact holds in $year unless its known span excludes it;
// a relationship also needs both its ends to hold. The entity type is the label besides the group label.
CALL () {
  MATCH (a)-[r]->(b)
  WHERE (a:Actor OR a:Instrument) AND (b:Actor OR b:Instrument)
    AND (a.start IS NULL OR a.start <= $year) AND (a.end IS NULL OR a.end >= $year)
    AND (b.start IS NULL OR b.start <= $year) AND (b.end IS NULL OR b.end >= $year)
    AND (r.start IS NULL OR r.start <= $year) AND (r.end IS NULL OR r.end >= $year)
  RETURN a, type(r) AS relationship, b, r.start AS start, r.end AS end, r.context AS context
  UNION ALL
  MATCH (a)
  WHERE (a:Actor OR a:Instrument)
    AND (a.start IS NULL OR a.start <= $year) AND (a.end IS NULL OR a.end >= $year)
    AND NOT EXISTS {
      MATCH (a)-[r]-(b)
      WHERE (b:Actor OR b:Instrument)
        AND (b.start IS NULL OR b.start <= $year) AND (b.end IS NULL OR b.end >= $year)
        AND (r.start IS NULL OR r.start <= $year) AND (r.end IS NULL OR r.end >= $year)
    }
  RETURN a, null AS relationship, null AS b, null AS start, null AS end, null AS context
}
RETURN a.id AS source,
       a.name AS source_name,
       head([l IN labels(a) WHERE NOT l IN ['Actor', 'Instrument']]) AS source_type,
       relationship,
       b.id AS target,
       b.name AS target_name,
       head([l IN labels(b) WHERE NOT l IN ['Actor', 'Instrument']]) AS target_type,
       start,
       end,
       context
ORDER BY source, relationship, target, context
