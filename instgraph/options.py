"""Options several commands share, declared once: where the graph comes from, and the output format."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from instgraph.graph_source import Source

DATA_HELP = "A curated dataset (YAML) to read instead of the last build's graph; repeat for several."
SEEDS_HELP = "Directory holding the datasets' source documents. Default: ../shared/seeds beside the repo."
GRAPH_HELP = "A graph.json written by instgraph build (default: the last build's, else the datasets)."
JOBS_HELP = "Worker processes reading and extracting documents in parallel (one per free core helps; same output)."

DataOption = Annotated[list[Path] | None, typer.Option("--data", help=DATA_HELP)]
SeedsOption = Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=SEEDS_HELP)]
GraphOption = Annotated[Path | None, typer.Option("--graph", help=GRAPH_HELP)]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help=JOBS_HELP)]
COUNTRY_HELP = (
    "Only this country's entities and the relationships among them: an ISO 3166 code (KOR, DE) or unknown "
    "(entities whose country could not be told)."
)
CountryOption = Annotated[str | None, typer.Option("--country", help=COUNTRY_HELP, show_default=False)]
FROM_HELP = (
    "Where the graph comes from: last-build (the graph.json the last instgraph build wrote, the default), "
    "datasets (the repo's data/*.yaml) or neo4j (the networkx mirror of the server)."
)
FromOption = Annotated[Source | None, typer.Option("--from", help=FROM_HELP, show_default=False)]
CERTAINTY_HELP = (
    "With --as-of: known (only facts that hold that year, stated or derived) or possible (also facts whose "
    "years are unknown)."
)


class Certainty(StrEnum):
    """``--certainty``: the as-of rule's two readings (graph.model.holds)."""

    known = "known"
    possible = "possible"


CertaintyOption = Annotated[Certainty, typer.Option("--certainty", help=CERTAINTY_HELP)]


class RowFormat(StrEnum):
    """``--format`` of every command that prints rows (see :mod:`viz.tables`)."""

    table = "table"
    json = "json"
    csv = "csv"
