// name: search
// description: Find entities by name or alias, ignoring case: exact names and aliases first, then acronyms (MSS for Ministry of SMEs and Startups), then names or aliases containing the text
// param: text: string -- what to look for, e.g. MSS, smart factory, 중소벤처기업부
// param: limit: int = 25 -- at most this many results
// ids: id
//
// score: 3 exact id, name or alias; 2 the text is the initials of the name's capitalised words; 1 contained.
// Aliases tagged with a language ('text@ko') match on their text.
WITH toLower(trim($text)) AS q
MATCH (n)
WHERE n.name IS NOT NULL AND q <> ''
WITH n, q,
     [alias IN coalesce(n.aliases, []) | toLower(split(alias, '@')[0])] AS aliases,
     reduce(s = '', w IN split(n.name, ' ') |
       s + CASE WHEN left(w, 1) =~ '[A-Z]' THEN left(w, 1) ELSE '' END) AS acronym
WITH n, CASE
          WHEN n.id = trim($text) OR toLower(n.name) = q OR q IN aliases THEN 3
          WHEN toLower(acronym) = q THEN 2
          WHEN toLower(n.name) CONTAINS q OR any(alias IN aliases WHERE alias CONTAINS q) THEN 1
          ELSE 0
        END AS score
WHERE score > 0
RETURN n.id AS id,
       n.name AS name,
       head([l IN labels(n) WHERE NOT l IN ['Actor', 'Instrument']]) AS type,
       coalesce(n.aliases, []) AS aliases,
       n.start AS start,
       n.end AS end,
       score
ORDER BY score DESC, name, id
LIMIT $limit
