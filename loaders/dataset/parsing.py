"""Parsing a dataset (pure, no file access): its sections read into a validated :class:`Dataset`.

Every error is an :class:`~graph.errors.InputError` naming the file, the YAML line and what is allowed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import yaml

from graph.errors import UsageError
from graph.model import METHODS, Entity, Relationship
from graph.model.schema import PropertySpec, Schema, load_schema
from loaders import documents
from loaders.dataset.specs import (
    DOCUMENT_TYPE,
    Dataset,
    DocumentSpec,
    EntitySpec,
    RelationshipSpec,
    alias_text,
)
from loaders.dataset.yaml_nodes import NodeReader, fold, node_line, suggest

# Keys an item may carry besides the schema's properties.
_ENTITY_KEYS = ("type", "cite")
_RELATIONSHIP_KEYS = ("type", "source", "target", "cite")
_DOCUMENT_KEYS = ("file", "cite")
_TOP_LEVEL_KEYS = ("documents", "defaults", "entities", "relationships", "mentions")
_DEFAULTABLE = ("country",)
# Properties computed by the loader, never written by hand.
_COMPUTED = ("sources", "evidence")

# Folded name, alias or id → (entity id, YAML line) of every entity it names.
NameIndex = dict[str, list[tuple[str, int]]]


class _Parser(NodeReader):
    """The dataset's sections, read in order: documents, defaults, entities, relationships, mentions."""

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
                line=node_line(doc_node),
                file_line=node_line(file_node) if file_node else node_line(doc_node),
                sha256_line=node_line(fields["sha256"]),
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
    ) -> tuple[list[EntitySpec], NameIndex]:
        """The entities, and an index from every folded name, alias and id to (entity id, line)."""
        props = {k: v for k, v in self.schema.entity_properties.items() if k not in _COMPUTED}
        allowed = (*_ENTITY_KEYS, *props)
        specs: list[EntitySpec] = []
        index: NameIndex = {}
        seen: dict[str, int] = {}
        for item in self.sequence(node, "entities"):
            fields = self.mapping(item, f"entity at line {node_line(item)}", allowed)
            entity, name = self.entity(item, fields, props, defaults)
            what = f"entity {name!r}"
            if entity.id in seen:
                raise self.error(
                    item,
                    f"duplicate entity: {entity.type} {name!r} is already defined at line {seen[entity.id]}; "
                    "merge the two",
                )
            seen[entity.id] = node_line(item)
            self.index_names(entity, name, fields, item, index)
            cite = self.citations(fields["cite"], what, documents) if "cite" in fields else ()
            specs.append(EntitySpec(entity=entity, line=node_line(item), cite=cite))
        return specs, index

    def entity(
        self,
        item: yaml.Node,
        fields: Mapping[str, yaml.Node],
        props: Mapping[str, PropertySpec],
        defaults: Mapping[str, Any],
    ) -> tuple[Entity, str]:
        """One entity item, checked, and its name as written (for messages)."""
        name_node = fields.get("name")
        name = self.typed(props["name"], name_node, "entity") if name_node is not None else None
        if not name or not name.strip():
            raise self.error(
                name_node or item, "entity has no name; give it `name: <canonical English name>`"
            )
        what = f"entity {name!r}"
        etype = self.entity_type(fields.get("type"), item, what)
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
        return entity, name

    def entity_type(self, type_node: yaml.Node | None, item: yaml.Node, what: str) -> Any:
        """The entity's type: a node type of the schema other than Document."""
        etype = self.value(type_node) if type_node is not None else None
        if etype not in self.schema.node_types or etype == DOCUMENT_TYPE:
            allowed_types = ", ".join(t for t in sorted(self.schema.node_types) if t != DOCUMENT_TYPE)
            hint = suggest(str(etype), self.schema.node_types) if etype else ""
            shown = f"unknown type {etype!r}{hint}" if etype else "no type"
            raise self.error(type_node or item, f"{what} has {shown}; allowed: {allowed_types}")
        return etype

    def index_names(
        self, entity: Entity, name: str, fields: Mapping[str, yaml.Node], item: yaml.Node, index: NameIndex
    ) -> None:
        """Enter the entity's name, aliases and id in ``index``; one naming another entity is an error."""
        what = f"entity {name!r}"
        for label, label_node in [
            (name, fields.get("name")),
            *((a, fields.get("aliases")) for a in entity.aliases),
        ]:
            key = fold(alias_text(label))
            for other_id, other_line in index.get(key, []):
                if other_id != entity.id:
                    raise self.error(
                        label_node or item,
                        f"{what}: {label!r} already names the entity at line {other_line} ({other_id}); "
                        "names and aliases must be unique within a dataset",
                    )
            index.setdefault(key, []).append((entity.id, node_line(item)))
        index.setdefault(fold(entity.id), []).append((entity.id, node_line(item)))

    def resolve(
        self, node: yaml.Node, role: str, what: str, index: NameIndex
    ) -> str:
        ref = self.value(node)
        if not isinstance(ref, str) or not ref.strip():
            raise self.error(node, f"{what}: {role} must name an entity (its name, an alias or its id)")
        hits = {eid for eid, _ in index.get(fold(alias_text(ref)), [])}
        if len(hits) == 1:
            return hits.pop()
        close = difflib.get_close_matches(fold(ref), list(index), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise self.error(
            node, f"{what}: {role} {ref!r} is not the name, alias or id of any entity in this file{hint}"
        )

    def relationships(
        self,
        node: yaml.Node,
        index: NameIndex,
        types: Mapping[str, str],
        documents: Mapping[str, DocumentSpec],
    ) -> list[RelationshipSpec]:
        props = {k: v for k, v in self.schema.relationship_properties.items() if k not in _COMPUTED}
        allowed = (*_RELATIONSHIP_KEYS, *props)
        specs: list[RelationshipSpec] = []
        seen: dict[tuple[str, str, str, str | None], int] = {}
        for item in self.sequence(node, "relationships"):
            what = f"relationship at line {node_line(item)}"
            fields = self.mapping(item, what, allowed)
            rel = self.relationship(item, fields, props, what, index, types)
            identity = (rel.type, rel.source, rel.target, rel.context)
            if identity in seen:
                raise self.error(
                    item,
                    f"{what}: duplicate of the relationship at line {seen[identity]}; "
                    "add its citations there instead",
                )
            seen[identity] = node_line(item)
            cite = self.citations(fields["cite"], what, documents) if "cite" in fields else ()
            specs.append(RelationshipSpec(relationship=rel, line=node_line(item), cite=cite))
        return specs

    def relationship(
        self,
        item: yaml.Node,
        fields: Mapping[str, yaml.Node],
        props: Mapping[str, PropertySpec],
        what: str,
        index: NameIndex,
        types: Mapping[str, str],
    ) -> Relationship:
        """One relationship item, checked: type, ends, context, years and confidence."""
        rtype = self.relationship_type(fields.get("type"), item, what)
        source, target = self.relationship_ends(item, fields, rtype, what, index, types)
        values = {
            k: self.typed(props[k], v, what) for k, v in fields.items() if k in props and k != "context"
        }
        context = self.relationship_context(fields["context"], what, index, types) if "context" in fields else None
        start, end = values.get("start"), values.get("end")
        if start is not None and end is not None and end < start:
            raise self.error(fields["end"], f"{what}: end year {end} is before start year {start}")
        confidence = values.get("confidence")
        if confidence is not None and not 0.0 <= confidence <= 1.0:
            raise self.error(
                fields["confidence"], f"{what}: confidence {confidence} must be between 0 and 1"
            )
        if self.schema.relationship_types[rtype].symmetric and source > target:
            source, target = target, source
        return Relationship(
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

    def relationship_type(self, type_node: yaml.Node | None, item: yaml.Node, what: str) -> Any:
        """The relationship's type: one the schema declares."""
        rtype = self.value(type_node) if type_node is not None else None
        if rtype not in self.schema.relationship_types:
            hint = suggest(str(rtype), self.schema.relationship_types) if rtype else ""
            shown = f"unknown type {rtype!r}{hint}" if rtype else "no type"
            raise self.error(
                type_node or item,
                f"{what} has {shown}; allowed: {', '.join(sorted(self.schema.relationship_types))}",
            )
        return rtype

    def relationship_ends(
        self,
        item: yaml.Node,
        fields: Mapping[str, yaml.Node],
        rtype: str,
        what: str,
        index: NameIndex,
        types: Mapping[str, str],
    ) -> tuple[str, str]:
        """The source and target ids: two different entities of types the schema allows for ``rtype``."""
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
                fields.get("type"),
                f"{what}: {rtype} is not allowed from {s_type} to {t_type}; allowed sources: "
                f"{', '.join(sorted(spec.sources))}; allowed targets: {', '.join(sorted(spec.targets))}",
            )
        return source, target

    def relationship_context(
        self, node: yaml.Node, what: str, index: NameIndex, types: Mapping[str, str]
    ) -> str:
        """The instrument through which the two ends act (``context:``)."""
        context = self.resolve(node, "context", what, index)
        if not self.schema.is_instrument(types[context]):
            raise self.error(
                node,
                f"{what}: context must be an instrument ({', '.join(self.schema.instrument_types)}), "
                f"not a {types[context]}",
            )
        return context

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
                index.setdefault(fold(key), []).append((doc.id, doc.line))
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


def parse_dataset(text: str, path: str = "<dataset>", schema: Schema | None = None) -> Dataset:
    """Parse and validate a dataset's YAML text; raise :class:`InputError` at the first problem.

    Checks: valid YAML; known keys; entity and relationship types declared in the schema; relationship
    ends of types the schema allows; names present and unique (aliases too); end not before start;
    references resolve to an entity (close matches suggested); citations name a known document and,
    where the document's line count is given, lines inside it.
    """
    return _Parser(text, path, schema or load_schema()).parse()
