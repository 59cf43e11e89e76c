"""HTML network views of an :class:`~graph.model.institutional_graph.InstitutionalGraph`.

Four views, each a self-contained offline page (see :mod:`viz.offline`):

- ``network``: the whole model;
- ``collaboration``: actors, what they run, and one edge per pair that works together, with a year slider
  (:mod:`viz.collaboration`);
- ``neighbourhood``: everything within ``depth`` steps of one actor (the next ring waits in the page for
  "expand");
- ``timeline``: the whole model with a year slider that shows what holds in the chosen year.

Every page has a search box, filters (entity and relationship types, method, confidence, country), a side
panel with the cited lines, re-arrange and "Save as PNG" (:mod:`viz.offline`, ``viz/assets``). Styling
and the legend come from the schema (:mod:`viz.style`). Node size follows a centrality (``sizes``; degree
by default). Views read the model and never change it.

>>> from graph.model import Entity, Relationship
>>> g = InstitutionalGraph()
>>> a = g.add_entity(Entity(type="Ministry", name="Ministry A", start=2001))
>>> b = g.add_entity(Entity(type="Agency", name="Agency B"))
>>> _ = g.add_relationship(Relationship(type="COLLABORATES_WITH", source=a.id, target=b.id))
>>> [e["rel"] for e in network_view(g).network.edges]
['COLLABORATES_WITH']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx

from graph.errors import UsageError
from graph.model.institutional_graph import InstitutionalGraph
from viz.collaboration import collaboration_pairs, collaboration_view
from viz.items import document_names, name_of, years_text
from viz.page import View, counted, expand_types, model_view
from viz.time_slider import known_span, slider_html, slider_range

VIEW_NAMES = ("network", "collaboration", "neighbourhood", "timeline")
SIZE_MEASURES = ("degree", "betweenness", "closeness", "pagerank")

__all__ = [
    "SIZE_MEASURES",
    "VIEW_NAMES",
    "View",
    "build_all_views",
    "build_view",
    "collaboration_pairs",
    "collaboration_view",
    "most_connected_actor",
    "neighbourhood_view",
    "network_view",
    "node_sizes",
    "resolve_focus",
    "timeline_view",
    "years_text",
]


def node_sizes(graph: InstitutionalGraph, measure: str = "degree") -> dict[str, float]:
    """A centrality per node on the undirected simple graph, for sizing nodes.

    >>> from graph.model import Entity, Relationship
    >>> g = InstitutionalGraph()
    >>> ids = [g.add_entity(Entity(type="Ministry", name=n)).id for n in "ABC"]
    >>> _ = g.add_relationship(Relationship(type="COLLABORATES_WITH", source=ids[0], target=ids[1]))
    >>> node_sizes(g)
    {'ministry:a': 1.0, 'ministry:b': 1.0, 'ministry:c': 0.0}
    """
    simple = nx.Graph(graph.graph.to_undirected(as_view=True))
    if measure == "degree":
        return {n: float(d) for n, d in simple.degree()}
    if measure == "betweenness":
        k = min(200, simple.number_of_nodes()) if simple.number_of_nodes() > 1000 else None
        return dict(nx.betweenness_centrality(simple, k=k, seed=7))
    if measure == "closeness":
        return dict(nx.closeness_centrality(simple))
    if measure == "pagerank":
        return dict(nx.pagerank(simple)) if simple.number_of_nodes() else {}
    raise UsageError(f"--size-by: unknown measure {measure!r}; choose one of {', '.join(SIZE_MEASURES)}")


def _default_sizes(graph: InstitutionalGraph, sizes: Mapping[str, float] | None) -> Mapping[str, float]:
    return sizes if sizes is not None else node_sizes(graph, "degree")


def _keep(graph: InstitutionalGraph, types: set[str] | None) -> list[str]:
    return [n for n, t in graph.graph.nodes(data="type") if types is None or t in types]


def _sized(view: View) -> str:
    shown = [n for n in view.network.nodes if not n.get("outer")]
    return f"{counted(len(shown), 'node')}, {counted(len(view.network.edges), 'edge')}"


def network_view(
    graph: InstitutionalGraph,
    *,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """The whole model (in ``as_of`` if given), optionally only some node types (or groups)."""
    graph = graph.dated()  # tooltips tell stated years from derived ones
    g = graph.as_of(as_of) if as_of is not None else graph
    keep = _keep(g, expand_types(g.schema, types))
    title = "Institutional network" + (f" in {as_of}" if as_of is not None else "")
    view = model_view("network", g, keep, _default_sizes(g, sizes), title=title, documents=document_names(graph))
    view.subtitle = _sized(view)
    return view


def resolve_focus(graph: InstitutionalGraph, focus: str) -> str:
    """The node id that ``focus`` names: an id, a name or an alias (ignoring case)."""
    if focus in graph.graph:
        return focus
    found = graph.find(focus)
    if len(found) == 1:
        return found[0].id
    if not found:
        example = most_connected_actor(graph) or next(iter(graph.graph.nodes), "ministry:...")
        raise UsageError(f"--focus: no entity has the id, name or alias {focus!r}; try an id such as {example!r}")
    ids = ", ".join(sorted(e.id for e in found))
    raise UsageError(f"--focus: {focus!r} names several entities ({ids}); give one id")


def most_connected_actor(graph: InstitutionalGraph) -> str | None:
    """The actor with the most relationships (ties broken by id), or None if there is no actor."""
    actors = graph.schema.members("Actor")
    degree = graph.graph.degree()
    ranked = sorted((-degree[n], n) for n, t in graph.graph.nodes(data="type") if t in actors)
    return ranked[0][1] if ranked else None


def neighbourhood_view(
    graph: InstitutionalGraph,
    focus: str,
    *,
    depth: int = 1,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """Everything within ``depth`` relationships of ``focus`` (id, name or alias), edges in any direction.

    The page also holds the next ring (``depth + 1``), hidden until the user expands a node next to it.
    """
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    graph = graph.dated()
    g = graph.as_of(as_of) if as_of is not None else graph
    centre = resolve_focus(g, focus)
    wanted = expand_types(g.schema, types)
    near = nx.single_source_shortest_path_length(g.graph.to_undirected(as_view=True), centre, cutoff=depth + 1)
    keep = [
        n for n in g.graph.nodes if n in near and (n == centre or wanted is None or g.graph.nodes[n]["type"] in wanted)
    ]
    outer = frozenset(n for n in keep if near[n] > depth)
    view = model_view(
        "neighbourhood",
        g,
        keep,
        _default_sizes(g, sizes),
        title=f"Neighbourhood of {name_of(g.graph, centre)}",
        documents=document_names(graph),
        focus=centre,
        outer=outer,
    )
    view.subtitle = f"within {counted(depth, 'step')}: {_sized(view)}"
    view.meta.update(focus=centre, outer=outer)
    return view


def timeline_view(
    graph: InstitutionalGraph,
    *,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """The whole model in one page with a year slider (starting at ``as_of``, else the latest year)."""
    graph = graph.dated()
    first, last, initial = slider_range(known_span(graph), as_of)
    keep = _keep(graph, expand_types(graph.schema, types))
    view = model_view(
        "timeline",
        graph,
        keep,
        _default_sizes(graph, sizes),
        title="Institutional network over time",
        controls_html=slider_html(first, last, initial),
        years=True,
    )
    view.subtitle = (
        f"{first}–{last}: move the slider or press play; facts known to hold are drawn normally, facts whose "
        "years are unknown faintly (or hidden with the toggle)"
    )
    view.meta.update(first=first, last=last, initial=initial)
    return view


def build_view(
    graph: InstitutionalGraph,
    name: str,
    *,
    as_of: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """Build the view called ``name`` (one of :data:`VIEW_NAMES`)."""
    if name == "network":
        return network_view(graph, as_of=as_of, types=types, sizes=sizes)
    if name == "collaboration":
        return collaboration_view(graph, as_of=as_of, types=types, sizes=sizes)
    if name == "timeline":
        return timeline_view(graph, as_of=as_of, types=types, sizes=sizes)
    if name == "neighbourhood":
        centre = focus or most_connected_actor(graph)
        if centre is None:
            raise UsageError("--focus is required: the graph has no actor to centre the neighbourhood on")
        return neighbourhood_view(graph, centre, depth=depth, as_of=as_of, types=types, sizes=sizes)
    raise UsageError(f"unknown view {name!r}; choose one of {', '.join(VIEW_NAMES)}")


def build_all_views(
    graph: InstitutionalGraph, out_dir: Path, sizes: Mapping[str, float] | None = None
) -> dict[str, Path]:
    """Write every view into ``out_dir``: network, collaboration, timeline and the neighbourhood of the
    most connected actor. Returns view name -> file written.
    """
    out_dir = Path(out_dir)
    written: dict[str, Path] = {}
    for name in ("network", "collaboration", "timeline"):
        written[name] = build_view(graph, name, sizes=sizes).write(out_dir / f"{name}.html")
    centre = most_connected_actor(graph)
    if centre is not None:
        view = neighbourhood_view(graph, centre, depth=1, sizes=sizes)
        written["neighbourhood"] = view.write(out_dir / "neighbourhood.html")
    return written
