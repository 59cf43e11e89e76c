"""The corpus gold file: per document, the entities and the relations by family an analyst reads there.

``gold.json`` is ``{"file name": {"entities": [{"name", "aliases", "type"}], "relations": [{"source",
"family", "target", "start"?, "end"?}]}}``. A type "A|B" means either type is right; a family is one
of :data:`FAMILIES` or "any" (every type). Names are compared by :func:`corpus_key`; an entity is its
name and its aliases (:func:`name_keys`). :mod:`loaders.evaluate.corpus` scores an extraction
against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError

# The relation families of the gold and the relationship types that state each.
FAMILIES: dict[str, frozenset[str]] = {
    "lead": frozenset({"LEADS", "IMPLEMENTS"}),
    "part": frozenset({"PART_OF"}),
    "succ": frozenset({"SUCCEEDED_BY", "TRANSFERRED_TO"}),
    "collab": frozenset({"PARTICIPATES_IN", "COLLABORATES_WITH", "IMPLEMENTS", "LEADS"}),
}

_QUOTES = re.compile("[\"'`\u2018\u2019\u201c\u201d]")
_PUNCTUATION = re.compile(r"[^\w\s:]")
_ARTICLE = re.compile(r"^(?:the|an|a)\s+")
_SPACES = re.compile(r"\s+")


def corpus_key(name: str | None) -> str:
    """How the corpus gold compares names.

    >>> corpus_key("The Ministry of Ports & Harbours") == corpus_key("ministry of ports and harbours")
    True
    >>> corpus_key("“Go-Digital” Fund"), corpus_key("A: Plan")
    ('go digital fund', 'a: plan')
    """
    text = _PUNCTUATION.sub(" ", _QUOTES.sub("", (name or "").lower().replace("&", "and")))
    return _SPACES.sub(" ", _ARTICLE.sub("", text.strip())).strip()


def name_keys(name: str | None, aliases: Iterable[str] | None) -> set[str]:
    """An entity's comparable names: its name and its aliases (a dated alias "X@2019" counts as X)."""
    return {corpus_key(name), *(corpus_key(a.split("@")[0]) for a in aliases or ())}


@dataclass(frozen=True)
class GoldEntity:
    name: str
    aliases: tuple[str, ...] = ()
    types: tuple[str, ...] = ()  # "A|B" in the file: either is right

    @property
    def keys(self) -> set[str]:
        return name_keys(self.name, self.aliases)


@dataclass(frozen=True)
class GoldRelation:
    source: str
    family: str
    target: str
    start: int | None = None
    end: int | None = None

    def __str__(self) -> str:
        return f"{self.source} -{self.family}-> {self.target}{years_text(self.start, self.end)}"


def years_text(start: int | None, end: int | None) -> str:
    """A relation's years as its line shows them: "" or " (2019-)", " (2019-2021)"."""
    return "" if start is None and end is None else f" ({start or ''}-{end or ''})"


@dataclass(frozen=True)
class GoldDocument:
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]


def _bad_gold(path: Path | str, where: str, problem: str) -> InputError:
    return InputError(str(path), f"not a corpus gold file: {where}{problem}")


def parse_corpus_gold(data: object, path: Path | str = "gold.json") -> dict[str, GoldDocument]:
    """Check the shape of a loaded gold.json and return its documents; one line names the first fault.

    >>> parse_corpus_gold({"a.txt": {"entities": [{"name": "X", "type": "Agency|Ministry"}], "relations": []}})
    {'a.txt': GoldDocument(entities=(GoldEntity(name='X', aliases=(), types=('Agency', 'Ministry')),), relations=())}
    """
    shape = 'expected {"file name": {"entities": [...], "relations": [...]}}'
    if not isinstance(data, dict) or not data:
        raise _bad_gold(path, "", shape)
    if isinstance(data.get("documents"), list) and "relations" in data:
        raise _bad_gold(path, "", "it is instgraph extract output (documents, entities, relations); " + shape)
    gold: dict[str, GoldDocument] = {}
    for doc, body in data.items():
        if not isinstance(body, dict) or not isinstance(body.get("entities"), list):
            raise _bad_gold(path, f"{doc!r}: ", f"no list of entities; {shape}")
        if not isinstance(body.get("relations", []), list):
            raise _bad_gold(path, f"{doc!r}: ", "relations is not a list")
        entities = []
        for i, e in enumerate(body["entities"]):
            where = f"{doc!r} entities[{i}]: "
            if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
                raise _bad_gold(path, where, "each entity needs a name")
            aliases = e.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise _bad_gold(path, where, "aliases must be a list of names")
            types = e.get("type") or ""
            if not isinstance(types, str):
                raise _bad_gold(path, where, 'type must be a string such as "Agency" or "Agency|Programme"')
            entities.append(GoldEntity(e["name"], tuple(aliases), tuple(t.strip() for t in types.split("|") if t)))
        relations = []
        for i, r in enumerate(body.get("relations", [])):
            where = f"{doc!r} relations[{i}]: "
            if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("source", "family", "target")):
                raise _bad_gold(path, where, "each relation needs a source, a family and a target")
            if r["family"] not in FAMILIES and r["family"] != "any":
                raise _bad_gold(path, where, f"family {r['family']!r} is unknown; use {', '.join(FAMILIES)}")
            years = [r.get(k) for k in ("start", "end")]
            if any(y is not None and (not isinstance(y, int) or isinstance(y, bool)) for y in years):
                raise _bad_gold(path, where, "start and end must be years (whole numbers)")
            relations.append(GoldRelation(r["source"], r["family"], r["target"], *years))
        gold[str(doc)] = GoldDocument(tuple(entities), tuple(relations))
    return gold


def read_corpus_gold(path: Path | str) -> dict[str, GoldDocument]:
    """A corpus gold.json file's documents, or an :class:`InputError` in one line."""
    import json

    from loaders.dataset import MAX_DATASET_BYTES, read_text

    text = read_text(Path(path), "gold file", MAX_DATASET_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"gold file is not valid JSON ({exc.msg})", exc.lineno) from None
    return parse_corpus_gold(data, path)
