// name: evidence
// description: The documents and lines behind an entity (where documents mention it) or a relationship (its citations), one row per cited span
// param: subject: string -- an entity's id, name or alias (any case), or a relationship's id
// param: target: string = null -- give a second entity to get the relationships between the two instead of the subject's mentions
// param: type: string = null -- with target: only relationships of this type, e.g. SUCCEEDED_BY
// json: citation -> document, lines, text
// ids: source, target, context, relationship_id
//
// A relationship's evidence is stored as JSON text per citation; the library decodes it into the columns
// document, lines ([first, last], 1-based) and text (the quoted line, where the document was at hand).
// An entity's mentions come from its MENTIONED_IN links (lines kept as 'first-last'); a citation without
// lines (a document only listed among the sources) has lines null.
CALL () {
  MATCH (s)-[r]->(t)
  WHERE r.id = $subject
  RETURN r, s, t
  UNION
  MATCH (s)-[r]-(t)
  WHERE $target IS NOT NULL AND type(r) <> 'MENTIONED_IN' AND ($type IS NULL OR type(r) = $type)
    AND (s.id = $subject
         OR toLower(s.name) = toLower($subject)
         OR any(alias IN coalesce(s.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($subject)))
    AND (t.id = $target
         OR toLower(t.name) = toLower($target)
         OR any(alias IN coalesce(t.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($target)))
  RETURN r, startNode(r) AS s, endNode(r) AS t
  UNION
  MATCH (s)-[r:MENTIONED_IN]->(t:Document)
  WHERE $target IS NULL
    AND (s.id = $subject
         OR toLower(s.name) = toLower($subject)
         OR any(alias IN coalesce(s.aliases, []) WHERE toLower(split(alias, '@')[0]) = toLower($subject)))
  RETURN r, s, t
}
WITH r, s, t,
     CASE
       WHEN size(coalesce(r.evidence, [])) > 0 THEN r.evidence
       WHEN size(coalesce(r.lines, [])) > 0 THEN
         [span IN r.lines | {document: t.id,
                             lines: [toInteger(split(span, '-')[0]), toInteger(last(split(span, '-')))],
                             text: null}]
       ELSE [d IN coalesce(r.sources, CASE WHEN t:Document THEN [t.id] ELSE [] END) |
               {document: d, lines: null, text: null}]
     END AS citations
UNWIND range(0, size(citations) - 1) AS k
RETURN type(r) AS relationship,
       s.id AS source,
       s.name AS source_name,
       t.id AS target,
       t.name AS target_name,
       r.context AS context,
       r.id AS relationship_id,
       citations[k] AS citation
ORDER BY relationship, source, target, context, k
