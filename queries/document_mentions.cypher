// name: document_mentions
// description: Everything a document mentions: the entities it names and the relationships it states, with the lines, one row per cited span
// param: document: string -- the document's id, title or name (any case), or its sha256 (8 or more leading hex digits will do)
// json: citation -> lines, text
// ids: id, document
//
// Entities come from their MENTIONED_IN links to the document; relationships from the citations of the
// document in their evidence (or, without lines, from their sources).
MATCH (d:Document)
WHERE d.id = $document
   OR toLower(d.name) = toLower($document)
   OR toLower(d.title) = toLower($document)
   OR (size($document) >= 8 AND d.sha256 STARTS WITH toLower($document))
CALL (d) {
  MATCH (e)-[m:MENTIONED_IN]->(d)
  WITH e, m,
       CASE
         WHEN size(coalesce(m.evidence, [])) > 0 THEN m.evidence
         WHEN size(coalesce(m.lines, [])) > 0 THEN
           [span IN m.lines | {lines: [toInteger(split(span, '-')[0]), toInteger(last(split(span, '-')))],
                               text: null}]
         ELSE [{lines: null, text: null}]
       END AS citations
  UNWIND citations AS citation
  RETURN 'entity' AS kind,
         e.id AS id,
         head([l IN labels(e) WHERE NOT l IN ['Actor', 'Instrument']]) AS type,
         e.name AS name,
         citation
  UNION ALL
  MATCH (s)-[r]->(t)
  WHERE type(r) <> 'MENTIONED_IN' AND d.id IN coalesce(r.sources, [])
  // The store writes each citation as canonical JSON, so the document's own ones contain its quoted id.
  WITH s, r, t, [c IN coalesce(r.evidence, []) WHERE c CONTAINS ('"' + d.id + '"')] AS cited
  UNWIND CASE WHEN size(cited) > 0 THEN cited ELSE [{lines: null, text: null}] END AS citation
  RETURN 'relationship' AS kind,
         r.id AS id,
         type(r) AS type,
         s.name + ' ' + type(r) + ' ' + t.name + CASE WHEN r.context IS NULL THEN '' ELSE ' (' + r.context + ')' END
           AS name,
         citation
}
RETURN d.id AS document, kind, id, type, name, citation
ORDER BY document, kind, id
