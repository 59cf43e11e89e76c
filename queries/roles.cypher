// name: roles
// description: Who leads, implements or takes part in which instruments, with the years of the role and of the instrument
// param: actor: string = null -- one actor's id, name or alias (any case); all actors when omitted
// param: year: int = null -- only roles that hold in this year (actor, instrument and role all hold then)
// param: certainty: string = "known" -- known: only facts that hold in the year; possible: facts that hold or whose years are unknown
// names: actor -> entity
// ids: actor, instrument
MATCH (a:Actor)-[r:LEADS|IMPLEMENTS|PARTICIPATES_IN]->(i:Instrument)
WHERE ($actor IS NULL
       OR a.id = $actor
       OR toLower(a.name) = toLower($actor)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($actor)))
  AND ($year IS NULL OR {{holds: a, i, r}})
RETURN a.id AS actor,
       a.name AS actor_name,
       type(r) AS role,
       i.id AS instrument,
       i.name AS instrument_name,
       head([l IN labels(i) WHERE l <> 'Instrument']) AS instrument_type,
       r.start AS start,
       r.end AS end,
       i.start AS instrument_start,
       i.end AS instrument_end
ORDER BY actor, instrument, role
