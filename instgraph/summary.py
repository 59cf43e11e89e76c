"""What ``instgraph build`` prints at the end: what was made, where to look, and queries to try next.

The example queries come from the graph: a year inside its span, and the body most reorganised into.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

from graph.model import InstitutionalGraph
from instgraph.build import BuildReport

__all__ = ["command_name", "example_queries", "summary"]


def example_queries(graph: InstitutionalGraph) -> list[str]:
    """Query arguments worth trying on ``graph``: the map as of the middle year it covers, the lineage of the
    body most reorganised into (its short alias when it has one), and the collaboration pairs.

    >>> from graph.model import Entity, Relationship
    >>> g = InstitutionalGraph()
    >>> old = g.add_entity(Entity(type="Agency", name="Old Office", end=2016))
    >>> new = g.add_entity(Entity(type="Ministry", name="New Ministry", aliases=("NM",), start=2017))
    >>> _ = g.add_relationship(Relationship(type="SUCCEEDED_BY", source=old.id, target=new.id, start=2017))
    >>> example_queries(g)
    ['query as_of_map --param year=2016', 'query lineage --param body=NM', 'query collaboration_pairs --format json']
    """
    out = []
    years = graph.years()
    if years:
        out.append(f"query as_of_map --param year={(years[0] + years[1]) // 2}")
    successors: dict[str, int] = {}
    for _, target, type_ in graph.graph.edges(data="type"):
        if type_ == "SUCCEEDED_BY":
            successors[target] = successors.get(target, 0) + 1
    if successors:
        body = min(successors, key=lambda n: (-successors[n], n))
        out.append(f"query lineage --param {shlex.quote('body=' + _short_name(graph, body))}")
    out.append("query collaboration_pairs --format json")
    return out


def _short_name(graph: InstitutionalGraph, node: str) -> str:
    """An entity's acronym alias (``MSS``) when it has one, else its name."""
    data = graph.graph.nodes[node]
    acronyms = [a for a in data.get("aliases") or () if re.fullmatch(r"[A-Z][A-Za-z0-9&-]{1,11}", a)]
    return min(acronyms, key=len) if acronyms else str(data["name"])


def command_name() -> str:
    """How the user can call this tool again: ``instgraph`` when it is on PATH, else the path it ran from."""
    ran = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if ran is None or ran.name != "instgraph" or shutil.which("instgraph") == str(ran.resolve()):
        return "instgraph"
    try:
        return str(ran.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(ran)


def summary(report: BuildReport) -> str:
    """A plain-text summary: what was made, where to look, what was skipped and what to do next."""
    from graph.model.country import UNKNOWN, graph_countries

    g = report.graph
    counts = g.counts()
    width = max((len(t) for part in counts.values() for t in part), default=0) + 2
    out = [f"wrote {report.out_file}", f"from {', '.join(str(p) for p in report.datasets)}"]
    if report.documents:
        out.append(f"and facts extracted from {', '.join(str(p) for p in report.documents)}")
    out += [f"problem: {p}" for p in report.problems]
    out += [f"conflict: {c}" for c in report.conflicts]
    for part in ("entities", "relationships"):
        out.append(f"{part}: {sum(counts[part].values())}")
        out += [f"  {t:<{width}}{n:>4}" for t, n in counts[part].items()]
    countries = graph_countries(g)
    if len(countries) > 1 or UNKNOWN not in countries:
        out.append("countries: " + ", ".join(f"{c} {n}" for c, n in countries.items()))
    years = g.years()
    out.append(f"years covered: {years[0]}–{years[1]}" if years else "years covered: none dated")
    evidence = [e for _, _, ev in g.graph.edges(data="evidence") for e in ev or ()]
    quoted = sum(1 for e in evidence if e.get("text") is not None)
    line = f"citations: {len(evidence)}, {quoted} quoting their lines"
    if quoted < len(evidence):
        line += " (documents not at hand: pass --seeds DIR to quote them)"
    out.append(line)
    if report.files:
        out.append("files:")
        out += [f"  {name:<26}{path}" for name, path in report.files.items()]
    if report.neo4j is not None:
        out.append(f"Neo4j: {report.neo4j.report} at {report.neo4j.uri}")
        if report.neo4j.browser:
            out.append(f"  Neo4j Browser: {report.neo4j.browser}browser/ (user neo4j; `instgraph neo4j status`)")
    for skipped in report.skipped:
        out.append(f"skipped {skipped}")
    if report.files or report.neo4j is not None:
        out.append("next:")
        if report.files:
            views = [p for name, p in report.files.items() if name.startswith("view:")]
            out.append(f"  open {' or '.join(str(p) for p in views[:2])} in a browser")
        examples = example_queries(g)
        if report.neo4j is not None:
            out += [f"  {command_name()} {example}" for example in examples]
        elif examples[0].startswith("query as_of_map"):
            out.append(f"  {command_name()} {examples[0]} --graph {report.out_file}")
    timing = ", ".join(f"{step} {sec:.2f} s" for step, sec in report.seconds.items())
    if timing:
        out.append(f"took {sum(report.seconds.values()):.1f} s ({timing})")
    return "\n".join(out) + "\n"
