"""Curated datasets: hand-written YAML files of entities and relationships that cite document lines.

A dataset names its source documents, then lists entities and relationships in the project's own
words; every fact cites the lines of a document that state it (1-based, as ``cat -n`` numbers them).
``data/korea-sme-digitalisation.yaml`` is the example to copy; its header explains the format.

Three layers, so the core stays pure:

* :func:`parse_dataset` turns YAML text into a validated :class:`Dataset` (no file access). Every
  error is an :class:`~graph.errors.InputError` naming the file, the YAML line and what is allowed.
* :func:`check_documents` checks the dataset against the documents' texts when they are at hand
  (the sha256 matches, cited lines exist), and :func:`to_graph` builds the
  :class:`~graph.model.InstitutionalGraph`, quoting the cited lines when it has the text.
* :func:`read_dataset` and :func:`open_dataset` do the file I/O around them.

>>> ds = parse_dataset('''
... entities:
...   - {type: Ministry, name: Ministry of Examples, aliases: [MoE], start: 2017}
...   - {type: Programme, name: Example programme}
... relationships:
...   - {type: IMPLEMENTS, source: MoE, target: Example programme, start: 2018}
... ''', "example.yaml")
>>> g = to_graph(ds)
>>> [(r.type, r.source, r.target) for r in g.relationships()]
[('IMPLEMENTS', 'ministry:ministry-of-examples', 'programme:example-programme')]
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from graph.errors import InputError, UsageError
from graph.model import METHODS, Entity, Evidence, Relationship, document_id
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import PropertySpec, Schema, load_schema
from loaders import documents

REPO_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_DIR / "data"
KOREA_DATASET = DATA_DIR / "korea-sme-digitalisation.yaml"
# The node type documents become; checked against the schema when a graph is built.
DOCUMENT_TYPE = "Document"

# Keys an item may carry besides the schema's properties.
_ENTITY_KEYS = ("type", "cite")
_RELATIONSHIP_KEYS = ("type", "source", "target", "cite")
_DOCUMENT_KEYS = ("file", "cite")
_TOP_LEVEL_KEYS = ("documents", "defaults", "entities", "relationships", "mentions")
# The relationship an entity's cite becomes with top-level `mentions: <method>` (a draft of extraction).
MENTION_TYPE = "MENTIONED_IN"
_DEFAULTABLE = ("country",)
# Properties computed by the loader, never written by hand.
_COMPUTED = ("sources", "evidence")
# A language-tagged alias: 'text@ko', 'text@zh-Hant'.
_LANGUAGE_TAG = re.compile(r"^(?P<text>.+)@(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)*)$")
# Largest dataset file read: the curated Korea dataset is about 20 kB; a file this big is a mistake
# (a log, an export, a dump), and reading it would only cost memory before failing.
MAX_DATASET_BYTES = 16 * 1024 * 1024
# Integers Neo4j can store (64-bit); a larger year or figure is a typo.
_INT64 = (-(2**63), 2**63 - 1)


def default_seeds_dir() -> Path | None:
    """``../shared/seeds`` beside the repository, if it exists (the CLI may override it)."""
    seeds = REPO_DIR.parent / "shared" / "seeds"
    return seeds if seeds.is_dir() else None


def alias_text(alias: str) -> str:
    """An alias without its language tag: ``'중소벤처기업부@ko'`` → ``'중소벤처기업부'``."""
    m = _LANGUAGE_TAG.match(alias)
    return m.group("text") if m else alias


# --- documents' text --------------------------------------------------------------------------------
# One reader for every document (loaders.documents): a dataset's documents are read, numbered and
# identified exactly as extraction reads them, so one file is one Document node whichever way it came.
text_sha256 = documents.text_sha256
document_lines = documents.split_lines


# --- the parsed dataset -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    """Lines ``first_line``–``last_line`` of the document keyed ``document``, cited at YAML line ``line``."""

    document: str
    first_line: int
    last_line: int
    line: int


@dataclass(frozen=True)
class DocumentSpec:
    key: str
    file: str | None
    sha256: str
    line: int
    file_line: int
    sha256_line: int
    metadata: tuple[tuple[str, Any], ...] = ()
    cite: tuple[Citation, ...] = ()

    @property
    def id(self) -> str:
        return document_id(self.sha256)

    def get(self, name: str) -> Any:
        return dict(self.metadata).get(name)


@dataclass(frozen=True)
class EntitySpec:
    entity: Entity
    line: int
    cite: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class RelationshipSpec:
    """A relationship as written: the ends resolved to ids, evidence still without text."""

    relationship: Relationship
    line: int
    cite: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Dataset:
    path: str
    documents: dict[str, DocumentSpec]
    entities: tuple[EntitySpec, ...]
    relationships: tuple[RelationshipSpec, ...]
    mentions: str | None = None  # a method: each entity's cite lines become its MENTIONED_IN links

    def entity(self, entity_id: str) -> Entity:
        for spec in self.entities:
            if spec.entity.id == entity_id:
                return spec.entity
        raise KeyError(entity_id)


# --- parsing (pure) ---------------------------------------------------------------------------------
def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Parser:
    """Walks the composed YAML tree, so every error can name the line of the item at fault."""

    def __init__(self, text: str, path: str, schema: Schema) -> None:
        self.text, self.path, self.schema = text, path, schema
        try:
            self.loader = yaml.SafeLoader(text)
        except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
            line = text[: exc.position].count("\n") + 1
            raise self.error(
                line, f"not valid YAML: the control character U+{int(exc.character):04X} is not allowed; remove it"
            ) from None

    def error(self, node: yaml.Node | int | None, message: str) -> InputError:
        line = node if isinstance(node, int) or node is None else _line(node)
        return InputError(self.path, message, line)

    # -- generic node readers ---------------------------------------------------------------------
    def value(self, node: yaml.Node) -> Any:
        try:
            raw = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            # e.g. a !!python/... tag, a << merge key, a date like 2001-13-45
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.error(
                node,
                f"cannot read this value ({' '.join(str(problem).split())}); "
                "write plain text, numbers, lists and mappings (no !!tags, no << merge keys)",
            ) from None
        if isinstance(raw, bytes):
            raise self.error(node, "a !!binary value is not allowed; write the text itself")
        _check_text(raw, lambda message: self.error(node, message))
        return raw

    def mapping(
        self, node: yaml.Node, what: str, allowed: Iterable[str] | None = None
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{what} must be a mapping of keys to values")
        out: dict[str, yaml.Node] = {}
        allowed_set = tuple(allowed) if allowed is not None else None
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if not isinstance(key, str):
                raise self.error(key_node, f"{what}: keys must be text, not {key!r}")
            if key in out:
                raise self.error(
                    key_node, f"{what}: key {key!r} is given twice (first at line {_line(out[key])})"
                )
            if allowed_set is not None and key not in allowed_set:
                hint = _suggest(key, allowed_set)
                raise self.error(
                    key_node, f"{what}: unknown key {key!r}{hint}; allowed: {', '.join(allowed_set)}"
                )
            out[key] = value_node
        return out

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and self.value(node) is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{what} must be a list")
        return list(node.value)

    def typed(self, spec: PropertySpec, node: yaml.Node, what: str) -> Any:
        """A property value checked against its type in the schema."""
        raw = self.value(node)
        if raw is None:
            return None
        kind = spec.type
        if kind == "int":
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise self.error(node, f"{what}: {spec.name} must be a year or whole number, not {raw!r}")
            if not _INT64[0] <= raw <= _INT64[1]:
                raise self.error(node, f"{what}: {spec.name} {raw} is too large; give a year or a smaller number")
            if raw < 0:
                # every whole-number property is a year or a count
                raise self.error(node, f"{what}: {spec.name} {raw} is negative; give a year or a count")
            return raw
        if kind == "float":
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise self.error(node, f"{what}: {spec.name} must be a number, not {raw!r}")
            return float(raw)
        if kind == "string":
            if isinstance(raw, dt.date):
                return raw.isoformat()
            if isinstance(raw, list | dict):
                raise self.error(node, f"{what}: {spec.name} must be text, not a {type(raw).__name__}")
            return str(raw)
        if kind == "enum":
            if raw not in spec.values:
                raise self.error(
                    node, f"{what}: {spec.name} {raw!r} is not allowed; allowed: {', '.join(spec.values)}"
                )
            return raw
        if kind == "list":
            items = [raw] if isinstance(raw, str) else raw
            if not isinstance(items, list) or not all(isinstance(i, str | int | float) for i in items):
                raise self.error(node, f"{what}: {spec.name} must be a list of texts")
            return [str(i) for i in items]
        if kind == "map":
            if not isinstance(raw, dict):
                raise self.error(node, f"{what}: {spec.name} must be a mapping of names to values")
            return {str(k): str(v) for k, v in raw.items()}
        raise self.error(node, f"{what}: the schema gives {spec.name} the unknown type {kind!r}")

    # -- citations ------------------------------------------------------------------------------------
    def citations(
        self, node: yaml.Node, what: str, documents: Mapping[str, DocumentSpec | None]
    ) -> tuple[Citation, ...]:
        out: list[Citation] = []
        form = "cite as {document: 36}, {document: [36, 38]} or {document: [[36, 38], [82, 83], 90]}"
        for key, spans_node in self.mapping(node, f"{what}: cite").items():
            if key not in documents:
                hint = _suggest(key, documents)
                known = ", ".join(documents) or "none (add a `documents:` section)"
                raise self.error(
                    spans_node, f"{what}: cites unknown document {key!r}{hint}; documents: {known}"
                )
            raw = self.value(spans_node)
            spans = _spans(raw)
            if spans is None:
                ambiguous = isinstance(raw, list) and len(raw) > 2 and all(_is_line(x) for x in raw)
                why = (
                    "is ambiguous (a span is [first, last])"
                    if ambiguous
                    else "is not a line or a list of spans"
                )
                raise self.error(spans_node, f"{what}: citation {raw!r} {why}; {form}")
            doc = documents[key]
            for first, last in spans:
                if first < 1 or last < first:
                    raise self.error(
                        spans_node, f"{what}: bad line span {first}-{last} in {key}; lines start at 1"
                    )
                total = doc.get("lines") if doc is not None else None
                if isinstance(total, int) and last > total:
                    raise self.error(
                        spans_node, f"{what}: line {last} is out of range; document {key} has {total} lines"
                    )
                out.append(Citation(key, first, last, _line(spans_node)))
        return tuple(out)

    # -- sections ------------------------------------------------------------------------------------
    def documents(self, node: yaml.Node) -> dict[str, DocumentSpec]:
        props = self.schema.node_type(DOCUMENT_TYPE).properties
        allowed = (*_DOCUMENT_KEYS, *props)
        out: dict[str, DocumentSpec] = {}
        for key, doc_node in self.mapping(node, "documents").items():
            what = f"document {key!r}"
            fields = self.mapping(doc_node, what, allowed)
            meta = {name: self.typed(props[name], fields[name], what) for name in props if name in fields}
            sha = meta.get("sha256")
            if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
                raise self.error(
                    fields.get("sha256", doc_node),
                    f"{what}: sha256 must be the 64 hex digits of the document's text "
                    "(`python -m loaders.documents FILE` prints it; for a UTF-8 text file ending in a newline, "
                    "`sha256sum FILE`)",
                )
            if "date" in meta:
                try:
                    meta["date"] = documents.normalise_date(meta["date"], f"{what}: date")
                except UsageError as exc:
                    raise self.error(fields["date"], str(exc)) from None
            file_node = fields.get("file")
            file = self.typed(PropertySpec("file", "string", ""), file_node, what) if file_node else None
            spec = DocumentSpec(
                key=key,
                file=file,
                sha256=sha,
                line=_line(doc_node),
                file_line=_line(file_node) if file_node else _line(doc_node),
                sha256_line=_line(fields["sha256"]),
                metadata=tuple(sorted((k, v) for k, v in meta.items() if k != "sha256" and v is not None)),
            )
            out[key] = spec
        # Citations may refer to any document, including the document citing its own metadata.
        for key, doc_node in self.mapping(node, "documents").items():
            fields = self.mapping(doc_node, f"document {key!r}", allowed)
            if "cite" in fields:
                out[key] = replace(out[key], cite=self.citations(fields["cite"], f"document {key!r}", out))
        return out

    def defaults(self, node: yaml.Node) -> dict[str, Any]:
        fields = self.mapping(node, "defaults", _DEFAULTABLE)
        return {k: self.typed(self.schema.entity_properties[k], v, "defaults") for k, v in fields.items()}

    def entities(
        self, node: yaml.Node, defaults: Mapping[str, Any], documents: Mapping[str, DocumentSpec]
    ) -> tuple[list[EntitySpec], dict[str, list[tuple[str, int]]]]:
        """The entities, and an index from every folded name, alias and id to (entity id, line)."""
        props = {k: v for k, v in self.schema.entity_properties.items() if k not in _COMPUTED}
        allowed = (*_ENTITY_KEYS, *props)
        specs: list[EntitySpec] = []
        index: dict[str, list[tuple[str, int]]] = {}
        seen: dict[str, int] = {}
        for item in self.sequence(node, "entities"):
            fields = self.mapping(item, f"entity at line {_line(item)}", allowed)
            name_node = fields.get("name")
            name = self.typed(props["name"], name_node, "entity") if name_node is not None else None
            if not name or not name.strip():
                raise self.error(
                    name_node or item, "entity has no name; give it `name: <canonical English name>`"
                )
            what = f"entity {name!r}"
            type_node = fields.get("type")
            etype = self.value(type_node) if type_node is not None else None
            if etype not in self.schema.node_types or etype == DOCUMENT_TYPE:
                allowed_types = ", ".join(t for t in sorted(self.schema.node_types) if t != DOCUMENT_TYPE)
                hint = _suggest(str(etype), self.schema.node_types) if etype else ""
                shown = f"unknown type {etype!r}{hint}" if etype else "no type"
                raise self.error(type_node or item, f"{what} has {shown}; allowed: {allowed_types}")
            values = {
                k: self.typed(props[k], v, what) for k, v in fields.items() if k in props and k != "name"
            }
            for k, v in defaults.items():
                if k not in fields:
                    values[k] = v
            start, end = values.get("start"), values.get("end")
            if start is not None and end is not None and end < start:
                raise self.error(fields["end"], f"{what}: end year {end} is before start year {start}")
            entity = Entity(
                type=etype,
                name=name.strip(),
                aliases=tuple(dict.fromkeys(values.get("aliases") or ())),
                start=start,
                end=end,
                country=values.get("country"),
                description=values.get("description"),
                figures=tuple(sorted((values.get("figures") or {}).items())),
            )
            if entity.id in seen:
                raise self.error(
                    item,
                    f"duplicate entity: {etype} {name!r} is already defined at line {seen[entity.id]}; "
                    "merge the two",
                )
            seen[entity.id] = _line(item)
            for label, label_node in [
                (name, name_node),
                *((a, fields.get("aliases")) for a in entity.aliases),
            ]:
                key = _fold(alias_text(label))
                for other_id, other_line in index.get(key, []):
                    if other_id != entity.id:
                        raise self.error(
                            label_node or item,
                            f"{what}: {label!r} already names the entity at line {other_line} ({other_id}); "
                            "names and aliases must be unique within a dataset",
                        )
                index.setdefault(key, []).append((entity.id, _line(item)))
            index.setdefault(_fold(entity.id), []).append((entity.id, _line(item)))
            cite = self.citations(fields["cite"], what, documents) if "cite" in fields else ()
            specs.append(EntitySpec(entity=entity, line=_line(item), cite=cite))
        return specs, index

    def resolve(
        self, node: yaml.Node, role: str, what: str, index: Mapping[str, list[tuple[str, int]]]
    ) -> str:
        ref = self.value(node)
        if not isinstance(ref, str) or not ref.strip():
            raise self.error(node, f"{what}: {role} must name an entity (its name, an alias or its id)")
        hits = {eid for eid, _ in index.get(_fold(alias_text(ref)), [])}
        if len(hits) == 1:
            return hits.pop()
        close = difflib.get_close_matches(_fold(ref), list(index), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise self.error(
            node, f"{what}: {role} {ref!r} is not the name, alias or id of any entity in this file{hint}"
        )

    def relationships(
        self,
        node: yaml.Node,
        index: Mapping[str, list[tuple[str, int]]],
        types: Mapping[str, str],
        documents: Mapping[str, DocumentSpec],
    ) -> list[RelationshipSpec]:
        props = {k: v for k, v in self.schema.relationship_properties.items() if k not in _COMPUTED}
        allowed = (*_RELATIONSHIP_KEYS, *props)
        specs: list[RelationshipSpec] = []
        seen: dict[tuple[str, str, str, str | None], int] = {}
        for item in self.sequence(node, "relationships"):
            what = f"relationship at line {_line(item)}"
            fields = self.mapping(item, what, allowed)
            type_node = fields.get("type")
            rtype = self.value(type_node) if type_node is not None else None
            if rtype not in self.schema.relationship_types:
                hint = _suggest(str(rtype), self.schema.relationship_types) if rtype else ""
                shown = f"unknown type {rtype!r}{hint}" if rtype else "no type"
                raise self.error(
                    type_node or item,
                    f"{what} has {shown}; allowed: {', '.join(sorted(self.schema.relationship_types))}",
                )
            ends = {}
            for role in ("source", "target"):
                if role not in fields:
                    raise self.error(
                        item, f"{what}: {rtype} has no {role}; name one with `{role}: <name or alias>`"
                    )
                ends[role] = self.resolve(fields[role], role, f"{what} ({rtype})", index)
            source, target = ends["source"], ends["target"]
            if source == target:
                raise self.error(
                    fields["target"],
                    f"{what}: {rtype} links {source} to itself; name two different entities",
                )
            spec = self.schema.relationship_types[rtype]
            s_type, t_type = types[source], types[target]
            if not self.schema.allows(rtype, s_type, t_type):
                raise self.error(
                    type_node,
                    f"{what}: {rtype} is not allowed from {s_type} to {t_type}; allowed sources: "
                    f"{', '.join(sorted(spec.sources))}; allowed targets: {', '.join(sorted(spec.targets))}",
                )
            values = {
                k: self.typed(props[k], v, what) for k, v in fields.items() if k in props and k != "context"
            }
            context = None
            if "context" in fields:
                context = self.resolve(fields["context"], "context", what, index)
                if not self.schema.is_instrument(types[context]):
                    raise self.error(
                        fields["context"],
                        f"{what}: context must be an instrument ({', '.join(self.schema.instrument_types)}), "
                        f"not a {types[context]}",
                    )
            start, end = values.get("start"), values.get("end")
            if start is not None and end is not None and end < start:
                raise self.error(fields["end"], f"{what}: end year {end} is before start year {start}")
            confidence = values.get("confidence")
            if confidence is not None and not 0.0 <= confidence <= 1.0:
                raise self.error(
                    fields["confidence"], f"{what}: confidence {confidence} must be between 0 and 1"
                )
            if spec.symmetric and source > target:
                source, target = target, source
            identity = (rtype, source, target, context)
            if identity in seen:
                raise self.error(
                    item,
                    f"{what}: duplicate of the relationship at line {seen[identity]}; "
                    "add its citations there instead",
                )
            seen[identity] = _line(item)
            cite = self.citations(fields["cite"], what, documents) if "cite" in fields else ()
            rel = Relationship(
                type=rtype,
                source=source,
                target=target,
                start=start,
                end=end,
                context=context,
                method=values.get("method") or METHODS[0],
                confidence=1.0 if confidence is None else confidence,
                note=values.get("note"),
            )
            specs.append(RelationshipSpec(relationship=rel, line=_line(item), cite=cite))
        return specs

    def parse(self) -> Dataset:
        try:
            return self._parse()
        except RecursionError:
            raise self.error(
                None, "the YAML is nested too deeply to be a dataset; see data/korea-sme-digitalisation.yaml"
            ) from None
        except yaml.YAMLError as exc:  # anything the reader or composer raises late
            raise self.error(None, f"not valid YAML: {' '.join(str(exc).split())[:200]}") from None

    def _parse(self) -> Dataset:
        try:
            root = self.loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise self.error(
                mark.line + 1 if mark else None, f"not valid YAML: {exc.problem or exc}"
            ) from None
        except yaml.YAMLError as exc:
            raise self.error(None, f"not valid YAML: {exc}") from None
        try:
            if root is None:
                raise self.error(
                    1, "the dataset is empty; see data/korea-sme-digitalisation.yaml for the format"
                )
            top = self.mapping(root, "the dataset", _TOP_LEVEL_KEYS)
            documents = self.documents(top["documents"]) if "documents" in top else {}
            defaults = self.defaults(top["defaults"]) if "defaults" in top else {}
            entity_specs, index = (
                self.entities(top["entities"], defaults, documents) if "entities" in top else ([], {})
            )
            for key, doc in documents.items():
                # A relationship may point at a document by its local key (e.g. MENTIONED_IN).
                index.setdefault(_fold(key), []).append((doc.id, doc.line))
            types = {s.entity.id: s.entity.type for s in entity_specs}
            types.update({doc.id: DOCUMENT_TYPE for doc in documents.values()})
            rel_specs = (
                self.relationships(top["relationships"], index, types, documents)
                if "relationships" in top
                else []
            )
            mentions = self.mentions(top["mentions"]) if "mentions" in top else None
        finally:
            self.loader.dispose()
        return Dataset(self.path, documents, tuple(entity_specs), tuple(rel_specs), mentions)

    def mentions(self, node: yaml.Node) -> str:
        """``mentions: extracted``: the entities' cite lines are where they are mentioned (as a draft of
        ``instgraph extract`` records them), kept in the graph as MENTIONED_IN links made by that method."""
        value = self.value(node)
        if value not in METHODS:
            raise self.error(node, f"mentions: {value!r} is not a method; use one of {', '.join(METHODS)}")
        return str(value)


def _check_text(value: Any, error: Any) -> None:
    """Raise ``error(message)`` if a string in ``value`` holds an unpaired surrogate (from a ``\\ud800``
    escape): it cannot be written as UTF-8, so Neo4j, JSON and HTML would all fail on it later."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = item[exc.start]
                raise error(
                    f"text {item[:40]!r} holds the unpaired surrogate \\u{ord(bad):04x}, which is not a "
                    "character; write the character itself (the file is UTF-8)"
                ) from None
        elif isinstance(item, list | dict) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item.items() if isinstance(item, dict) else item)
        elif isinstance(item, tuple):
            stack.extend(item)


def _is_line(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _spans(raw: Any) -> list[tuple[int, int]] | None:
    """Line spans from a citation: ``36``, ``[36, 38]``, or a list of lines and spans; None if malformed."""
    if _is_line(raw):
        return [(raw, raw)]
    if not isinstance(raw, list) or not raw:
        return None
    if all(_is_line(x) for x in raw):
        return [(raw[0], raw[-1])] if len(raw) <= 2 else None
    spans = []
    for item in raw:
        if _is_line(item):
            spans.append((item, item))
        elif isinstance(item, list) and len(item) in (1, 2) and all(_is_line(x) for x in item):
            spans.append((item[0], item[-1]))
        else:
            return None
    return spans


def _fold(text: str) -> str:
    """Case- and space-insensitive key for matching references."""
    return " ".join(text.split()).casefold()


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_dataset(text: str, path: str = "<dataset>", schema: Schema | None = None) -> Dataset:
    """Parse and validate a dataset's YAML text; raise :class:`InputError` at the first problem.

    Checks: valid YAML; known keys; entity and relationship types declared in the schema; relationship
    ends of types the schema allows; names present and unique (aliases too); end not before start;
    references resolve to an entity (close matches suggested); citations name a known document and,
    where the document's line count is given, lines inside it.
    """
    return _Parser(text, path, schema or load_schema()).parse()


def check_documents(dataset: Dataset, texts: Mapping[str, str]) -> None:
    """Check the dataset against the documents' texts at hand (key → text); raise :class:`InputError`.

    The text's sha256 must match the dataset's, and so must the line count when the dataset gives one;
    every citation of a document at hand must fall inside it.
    """
    for key, text in texts.items():
        doc = dataset.documents[key]
        actual = text_sha256(text)
        if actual != doc.sha256:
            raise InputError(
                dataset.path,
                f"document {key!r}: the text of {doc.file or key} has sha256 {actual}, the dataset says "
                f"{doc.sha256}; if the file changed on purpose, update sha256 and check every citation",
                doc.sha256_line,
            )
        total = len(document_lines(text))
        declared = doc.get("lines")
        if declared is not None and declared != total:
            raise InputError(
                dataset.path, f"document {key!r}: says lines: {declared}, the file has {total}", doc.line
            )
    cites = [c for d in dataset.documents.values() for c in d.cite]
    cites += [c for s in dataset.entities for c in s.cite]
    cites += [c for s in dataset.relationships for c in s.cite]
    for c in cites:
        if c.document in texts:
            total = len(document_lines(texts[c.document]))
            if c.last_line > total:
                raise InputError(
                    dataset.path,
                    f"line {c.last_line} is out of range; document {c.document} has {total} lines",
                    c.line,
                )


def _evidence(c: Citation, dataset: Dataset, lines: Mapping[str, list[str]]) -> Evidence:
    text = None
    if c.document in lines:
        text = "\n".join(lines[c.document][c.first_line - 1 : c.last_line])
    return Evidence(dataset.documents[c.document].id, c.first_line, c.last_line, text)


def to_graph(
    dataset: Dataset, texts: Mapping[str, str] | None = None, graph: InstitutionalGraph | None = None
) -> InstitutionalGraph:
    """Build (or add to) an :class:`InstitutionalGraph` from a parsed dataset.

    Documents become ``Document`` entities (id from the sha256 of their text); entities and relationships
    carry ``sources`` (the ids of the documents they cite); relationships carry ``evidence`` per citation,
    with the cited lines' text when the document's text is in ``texts``.
    """
    graph = graph if graph is not None else InstitutionalGraph()
    graph.schema.check_label(DOCUMENT_TYPE)
    lines = {key: document_lines(text) for key, text in (texts or {}).items()}
    doc_ids = {key: doc.id for key, doc in dataset.documents.items()}
    for doc in dataset.documents.values():
        extra = dict(doc.metadata)
        extra["sha256"] = doc.sha256
        if doc.file:
            extra["file_name"] = Path(doc.file).name
        if doc.key in lines:
            extra["lines"] = len(lines[doc.key])
        graph.add_entity(
            Entity(
                type=DOCUMENT_TYPE,
                id=doc.id,
                name=str(extra.get("title") or doc.key),
                extra=tuple(sorted(extra.items())),
            )
        )
    # An entity's sources: the documents it cites and those citing its relationships.
    mentioned: dict[str, list[str]] = {}
    for spec in dataset.entities:
        mentioned.setdefault(spec.entity.id, []).extend(doc_ids[c.document] for c in spec.cite)
    for rspec in dataset.relationships:
        for end in (rspec.relationship.source, rspec.relationship.target):
            mentioned.setdefault(end, []).extend(doc_ids[c.document] for c in rspec.cite)
    for spec in dataset.entities:
        sources = tuple(dict.fromkeys(mentioned.get(spec.entity.id, ())))
        graph.add_entity(replace(spec.entity, sources=sources))
    for rspec in dataset.relationships:
        graph.add_relationship(
            replace(
                rspec.relationship,
                evidence=tuple(_evidence(c, dataset, lines) for c in rspec.cite),
                sources=tuple(dict.fromkeys(doc_ids[c.document] for c in rspec.cite)),
            )
        )
    if dataset.mentions is not None:
        _add_mentions(graph, dataset, lines, dataset.mentions)
    return graph


def _add_mentions(graph: InstitutionalGraph, dataset: Dataset, lines: Mapping[str, list[str]], method: str) -> None:
    """Each entity's cite as MENTIONED_IN links, one per document, citing the lines (``mentions:``)."""
    for spec in dataset.entities:
        by_document: dict[str, list[Citation]] = {}
        for c in spec.cite:
            by_document.setdefault(c.document, []).append(c)
        for key, cites in by_document.items():
            doc_id = dataset.documents[key].id
            if not graph.schema.allows(MENTION_TYPE, spec.entity.type, DOCUMENT_TYPE):
                continue
            graph.add_relationship(
                Relationship(
                    type=MENTION_TYPE,
                    source=spec.entity.id,
                    target=doc_id,
                    evidence=tuple(_evidence(c, dataset, lines) for c in cites),
                    sources=(doc_id,),
                    method=method,
                    confidence=1.0,
                )
            )


def entity_evidence(
    dataset: Dataset, texts: Mapping[str, str] | None = None
) -> dict[str, tuple[Evidence, ...]]:
    """Where each entity is cited (entity id → evidence), e.g. for ``MENTIONED_IN`` line numbers.

    The graph keeps only an entity's ``sources`` (document ids); this keeps the lines, quoted when the
    document's text is in ``texts``.
    """
    lines = {key: document_lines(text) for key, text in (texts or {}).items()}
    return {
        s.entity.id: tuple(_evidence(c, dataset, lines) for c in s.cite) for s in dataset.entities if s.cite
    }


# --- file I/O -------------------------------------------------------------------------------------------
def read_text(path: Path, what: str = "file", limit: int = MAX_DATASET_BYTES) -> str:
    """A dataset file's text (UTF-8, universal newlines), or an :class:`InputError` saying what is wrong.

    A file over ``limit`` bytes is refused before it is read, so memory stays bounded. (Documents are
    read by :func:`loaders.documents.read_document`, not by this.)
    """
    try:
        if path.is_dir():
            raise InputError(str(path), f"{what} is a directory; give a file")
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                str(path),
                f"{what} is {size / 2**20:.0f} MB, over the {limit // 2**20} MB limit; "
                "check it is the right file, or split it",
            )
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), f"{what} not found; check the path") from None
    except UnicodeDecodeError:
        data = path.read_bytes()  # under the limit; decoded again for the position of the first bad byte
        try:
            data.decode("utf-8")
            start, reason = 0, "undecodable"
        except UnicodeDecodeError as exc:
            start, reason = exc.start, exc.reason
        line = data[:start].count(b"\n") + 1
        kind = "a binary file" if b"\x00" in data[:8192] else "not UTF-8 text"
        raise InputError(
            str(path), f"{what} is {kind} (byte {start}: {reason}); save it as UTF-8 text", line
        ) from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read {what}: {exc.strerror or exc}") from None


def read_cited_documents(dataset: Dataset, files: Mapping[str, Path]) -> dict[str, documents.Document]:
    """The dataset's documents at hand (key → file), read by the one document reader.

    The title, author and date the dataset gives a document win over what the reader finds in it, so
    a curated ``date:`` is the Document's date. Each must be the document the dataset means: the
    sha256 of its text must match (checked by :func:`check_documents`).
    """
    out: dict[str, documents.Document] = {}
    for key, path in files.items():
        spec = dataset.documents[key]
        out[key] = documents.read_document(
            path, date=spec.get("date"), title=spec.get("title"), author=spec.get("author")
        )
    return out


def locate_documents(dataset: Dataset, dataset_dir: Path, seeds_dir: Path | None = None) -> dict[str, Path]:
    """Where each document's file is: an absolute ``file``, else ``seeds_dir/file`` when a seeds directory is
    given (then a missing file is an error), else beside the dataset or in the default seeds directory
    (a document not found there is simply not at hand: its evidence carries no text)."""
    found: dict[str, Path] = {}
    for key, doc in dataset.documents.items():
        if not doc.file:
            continue
        given = Path(doc.file)
        if given.is_absolute():
            candidates = [given]
        elif seeds_dir is not None:
            candidates = [seeds_dir / given]
        else:
            default = default_seeds_dir()
            candidates = [dataset_dir / given, *([default / given] if default else [])]
        hit = next((c for c in candidates if c.is_file()), None)
        if hit is not None:
            found[key] = hit
        elif given.is_absolute() or seeds_dir is not None:
            raise InputError(
                dataset.path,
                f"document {key!r}: file {str(candidates[0])!r} not found; pass the directory holding "
                f"{given.name} with --seeds (or INSTGRAPH_SEEDS)",
                doc.file_line,
            )
    return found


def open_dataset(path: Path | str, seeds_dir: Path | str | None = None) -> tuple[Dataset, dict[str, str]]:
    """Read, parse and check a dataset file; returns it with the texts of the documents at hand.

    A text is the document's normalised text (:func:`loaders.documents.document_text`): what the one
    document reader made of the file (of a .pdf, .docx or .html too), so citations number its lines.
    """
    path = Path(path)
    dataset = parse_dataset(read_text(path, "dataset", MAX_DATASET_BYTES), str(path))
    files = locate_documents(dataset, path.parent, Path(seeds_dir) if seeds_dir is not None else None)
    docs = read_cited_documents(dataset, files)
    texts = {key: documents.document_text(doc.lines) for key, doc in docs.items()}
    check_documents(dataset, texts)
    return dataset, texts


def read_dataset(
    path: Path | str, seeds_dir: Path | str | None = None, graph: InstitutionalGraph | None = None
) -> InstitutionalGraph:
    """The graph of a curated dataset file (added to ``graph`` if given).

    Documents are looked up in ``seeds_dir`` when given; otherwise beside the dataset and in
    ``../shared/seeds`` beside the repository, and evidence carries the cited lines' text when found.
    """
    dataset, texts = open_dataset(path, seeds_dir)
    return to_graph(dataset, texts, graph)


def korea_graph(seeds_dir: Path | str | None = None) -> InstitutionalGraph:
    """The curated Korea SME-digitalisation graph (``data/korea-sme-digitalisation.yaml``)."""
    return read_dataset(KOREA_DATASET, seeds_dir)


__all__ = [
    "DATA_DIR",
    "KOREA_DATASET",
    "Citation",
    "Dataset",
    "DocumentSpec",
    "EntitySpec",
    "RelationshipSpec",
    "alias_text",
    "check_documents",
    "default_seeds_dir",
    "entity_evidence",
    "document_lines",
    "korea_graph",
    "locate_documents",
    "open_dataset",
    "parse_dataset",
    "read_cited_documents",
    "read_dataset",
    "read_text",
    "text_sha256",
    "to_graph",
]
