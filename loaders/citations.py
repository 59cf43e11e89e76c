r"""Check that a curated dataset's citations point at lines that mention what they support.

A citation is a claim: "lines 36–37 of the deck state that the Harbour Board was succeeded by the Port Agency". This
module checks the claim mechanically against the document's text:

* every cited span of an entity mentions the entity (its name or an alias);
* every cited span of a relationship mentions its source, its target or its context, and together
  the spans mention the source, the target and the context;
* a document's own citation mentions its title and author.

Matching ignores case, curly versus straight quotes, the kind of dash and line breaks inside a span
(a diagram label "Ministry of Ports / and Harbours" spread over two lines still matches), and respects
word boundaries. Language-tagged aliases are matched without their tag.

>>> from loaders.dataset import parse_dataset
>>> ds = parse_dataset("documents: {memo: {sha256: '%s'}}\n" % ("0" * 64) + '''
... entities:
...   - {type: Ministry, name: Ministry of Examples, aliases: [MoE], cite: {memo: [1, 2]}}
...   - {type: Programme, name: Example programme, cite: {memo: 1}}
... relationships:
...   - {type: IMPLEMENTS, source: MoE, target: Example programme, cite: {memo: 2}}
... ''', "memo.yaml")
>>> text = "The Ministry of\nExamples (MoE) runs an example programme.\n"
>>> for problem in check_citations(ds, {"memo": text}):
...     print(problem)
memo.yaml:5: entity 'Example programme': memo lines 1-1 do not mention 'Example programme'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.model import Entity
from loaders.dataset import Citation, Dataset, alias_text, document_lines, open_dataset

_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_HYPHEN_BREAK = re.compile(r"(\w)- (\w)")


@dataclass(frozen=True)
class CitationProblem:
    """A citation that does not support its fact: the dataset file, the YAML line and what is wrong."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def normalise(text: str) -> str:
    """Text folded for matching: case, quotes, dashes and whitespace (line breaks included) unified.

    >>> normalise("“Small  and\\nMedium” – Business")
    '"small and medium" - business'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return " ".join(text.split()).casefold()


def mentions(text: str, names: Iterable[str]) -> bool:
    """Whether ``text`` mentions one of ``names`` as whole words (after :func:`normalise`).

    >>> mentions("the Ministry of\\nPorts and Harbours (MPH)", ["Ministry of Ports and Harbours"])
    True
    >>> mentions("MSMEs are the backbone", ["SME"])
    False
    """
    hay = normalise(text)
    variants = {hay, _HYPHEN_BREAK.sub(r"\1\2", hay)}
    for name in names:
        needle = normalise(name)
        if not needle:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
        if any(pattern.search(v) for v in variants):
            return True
    return False


def entity_names(entity: Entity) -> list[str]:
    """The names a document may use for an entity: its name and its aliases without language tags."""
    return [entity.name, *(alias_text(a) for a in entity.aliases)]


def _span_text(c: Citation, lines: Mapping[str, list[str]]) -> str:
    return "\n".join(lines[c.document][c.first_line - 1 : c.last_line])


def check_citations(dataset: Dataset, texts: Mapping[str, str]) -> list[CitationProblem]:
    """Every problem with the dataset's curated citations, given the documents' texts (key → text).

    Returns an empty list when every citation mentions what it supports. A curated fact without a
    citation, and a citation of a document whose text is not at hand, are problems too.
    """
    check = _Check(dataset, {key: document_lines(text) for key, text in texts.items()})
    _check_documents(check)
    _check_entities(check)
    _check_relationships(check)
    return check.problems


class _Check:
    """A dataset being checked, its documents' lines (key → lines) and the problems found so far."""

    def __init__(self, dataset: Dataset, lines: dict[str, list[str]]) -> None:
        self.dataset, self.lines = dataset, lines
        self.problems: list[CitationProblem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(CitationProblem(self.dataset.path, line, message))

    def span_text(self, c: Citation) -> str:
        return _span_text(c, self.lines)

    def usable(self, cite: tuple[Citation, ...], what: str, line: int) -> list[Citation]:
        """The citations that can be checked (their document is at hand and has the lines); the others,
        and a fact citing nothing, are problems."""
        if not cite:
            self.problem(line, f"{what} cites no lines; add `cite:`")
        out = []
        for c in cite:
            if c.document not in self.lines:
                self.problem(c.line, f"{what}: document {c.document!r} is not at hand; cannot verify")
            elif c.last_line > len(self.lines[c.document]):
                self.problem(c.line, f"{what}: line {c.last_line} is past the end of {c.document}")
            else:
                out.append(c)
        return out


def _check_documents(check: _Check) -> None:
    """A document's own citation gives its title and author."""
    for doc in check.dataset.documents.values():
        cites = check.usable(doc.cite, f"document {doc.key!r}", doc.line) if doc.cite else []
        joined = "\n".join(check.span_text(c) for c in cites)
        for field in ("title", "author"):
            value = doc.get(field)
            if cites and value and not mentions(joined, [value]):
                check.problem(cites[0].line, f"document {doc.key!r}: cited lines do not give its {field}")


def _check_entities(check: _Check) -> None:
    """Every cited span of an entity mentions it (its name or an alias)."""
    for spec in check.dataset.entities:
        what = f"entity {spec.entity.name!r}"
        names = entity_names(spec.entity)
        for c in check.usable(spec.cite, what, spec.line):
            if not mentions(check.span_text(c), names):
                check.problem(
                    c.line,
                    f"{what}: {c.document} lines {c.first_line}-{c.last_line} do not mention {spec.entity.name!r}",
                )


def _check_relationships(check: _Check) -> None:
    """Every cited span of a curated relationship mentions one of its ends, and together the spans
    mention each of them; one problem per wrong fact: the span's, if any."""
    entities = {s.entity.id: s.entity for s in check.dataset.entities}
    for rspec in check.dataset.relationships:
        rel = rspec.relationship
        if rel.method != "curated":
            continue
        what = f"{rel.type} {rel.source} -> {rel.target}"
        ends = {"source": rel.source, "target": rel.target}
        if rel.context:
            ends["context"] = rel.context
        end_names = {role: entity_names(entities[eid]) for role, eid in ends.items() if eid in entities}
        cites = check.usable(rspec.cite, what, rspec.line)
        spans = [(c, check.span_text(c)) for c in cites]
        found = len(check.problems)
        for c, text in spans:
            if not any(mentions(text, n) for n in end_names.values()):
                where = f"{c.document} lines {c.first_line}-{c.last_line}"
                check.problem(c.line, f"{what}: {where} mention none of its ends")
        if spans and len(check.problems) == found:
            for role, n in end_names.items():
                if not any(mentions(text, n) for _, text in spans):
                    where = ", ".join(f"{c.first_line}-{c.last_line}" for c, _ in spans)
                    first = spans[0][0]
                    check.problem(
                        first.line, f"{what}: {first.document} lines {where} never mention the {role} {n[0]!r}"
                    )


def verify_dataset_citations(path: Path | str, seeds_dir: Path | str | None = None) -> list[CitationProblem]:
    """Read a dataset and its documents, then :func:`check_citations` (file I/O at the edge)."""
    dataset, texts = open_dataset(path, seeds_dir)
    return check_citations(dataset, texts)


__all__ = [
    "CitationProblem",
    "check_citations",
    "entity_names",
    "mentions",
    "normalise",
    "verify_dataset_citations",
]
