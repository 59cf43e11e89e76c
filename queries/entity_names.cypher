// name: entity_names
// description: Entities (documents left out) with their id, name, type and aliases; with text, only those whose id, name or an alias is that text (any case)
// param: text: string = null -- an id, name or alias to look for; every entity when omitted
// ids: id
//
// What the library checks a parameter naming an entity against (queries.lookup): no row for the text
// means no such entity, and the names of every entity give the nearest ones to suggest.
MATCH (n)
WHERE n.id IS NOT NULL AND n.name IS NOT NULL AND NOT n:Document
  AND ($text IS NULL
       OR n.id = $text
       OR toLower(n.name) = toLower($text)
       OR any(alias IN coalesce(n.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($text)))
RETURN n.id AS id,
       n.name AS name,
       head([l IN labels(n) WHERE NOT l IN ['Actor', 'Instrument']]) AS type,
       coalesce(n.aliases, []) AS aliases
ORDER BY id
