// name: as_of_map
// description: The institutional map in a year: actors and instruments that exist then, and the relationships among them that hold then (an entity with none appears once, with empty relationship columns)
// param: year: int -- the year to look at, e.g. 2007
// param: certainty: string = "known" -- known: only facts that hold in the year; possible: facts that hold or whose years are unknown
// ids: source, target, context
//
// As-of rule (graph/model/holds.py, expanded from {{holds: ...}} by the query library): a fact counts in
// $year when it holds then (certainty known), or when it holds or is unknown (certainty possible); a
// relationship also needs both its ends to count. The entity type is the label besides the group label.
CALL () {
  MATCH (a)-[r]->(b)
  WHERE (a:Actor OR a:Instrument) AND (b:Actor OR b:Instrument)
    AND {{holds: a, b, r}}
  RETURN a, type(r) AS relationship, b, r.start AS start, r.end AS end, r.context AS context
  UNION ALL
  MATCH (a)
  WHERE (a:Actor OR a:Instrument)
    AND {{holds: a}}
    AND NOT EXISTS {
      MATCH (a)-[r]-(b)
      WHERE (b:Actor OR b:Instrument)
        AND {{holds: b, r}}
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
