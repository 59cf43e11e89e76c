"""Commands that read documents: ``extract`` (facts from documents) and ``evaluate`` (against a dataset)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from instgraph.options import JOBS_HELP as _JOBS_HELP
from instgraph.options import SEEDS_HELP as _SEEDS_HELP


class ExtractFormat(StrEnum):
    """``extract --format``."""

    json = "json"
    table = "table"


_EXTRACT_FORMAT_HELP = "json (the extract contract: documents, entities, relations) | table"
_EXTRACT_OUT_HELP = "Write the JSON here instead of stdout."
_EXTRACT_ALIASES_HELP = "A curated dataset whose names and aliases link mentions to its ids (one node per body)."


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Documents to read: .txt, .md or .pdf files.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help=_EXTRACT_FORMAT_HELP)] = ExtractFormat.json,
    output: Annotated[Path | None, typer.Option("-o", "--output", help=_EXTRACT_OUT_HELP)] = None,
    aliases: Annotated[Path | None, typer.Option("--aliases", help=_EXTRACT_ALIASES_HELP)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_JOBS_HELP)] = 1,
) -> None:
    """Extract actors, instruments and dated, cited relationships from documents (no network, no model)."""
    import json

    from loaders.dataset import read_dataset
    from loaders.extract import extract_many, gazetteer_from_graph, to_json, to_table

    gazetteer = gazetteer_from_graph(read_dataset(aliases)) if aliases is not None else None
    extractions, problems = extract_many(paths, gazetteer=gazetteer, jobs=jobs)
    for p in problems:
        typer.echo(p, err=True)
    if not extractions:
        raise typer.Exit(1)  # each bad file has had its one line
    text = to_table(extractions) if fmt == "table" else json.dumps(to_json(extractions), ensure_ascii=False, indent=1)
    if output is not None:
        output.write_text(text if text.endswith("\n") else text + "\n", "utf-8")
        typer.echo(str(output))
    else:
        typer.echo(text.rstrip("\n"))


_GOLD_HELP = "The curated dataset to score against (default data/korea-sme-digitalisation.yaml)."
_EVAL_DOC_HELP = "A document to extract from (repeatable; default: the dataset's own documents)."
_MIN_CONF_HELP = "Curated facts below this confidence (only implied by the text) are left out of recall."


def evaluate(
    files: Annotated[list[Path] | None, typer.Argument(help="Documents to extract from.")] = None,
    document: Annotated[list[Path] | None, typer.Option("--document", help=_EVAL_DOC_HELP)] = None,
    dataset: Annotated[Path | None, typer.Option("--dataset", "--gold", help=_GOLD_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help=_MIN_CONF_HELP)] = 0.7,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_JOBS_HELP)] = 1,
) -> None:
    """Precision and recall of extraction against a curated dataset, by type, with the misses listed."""
    from loaders.dataset import KOREA_DATASET
    from loaders.evaluate import evaluate_files

    report, problems = evaluate_files(dataset or KOREA_DATASET, [*(files or []), *(document or [])], seeds,
                                      min_confidence, jobs)
    for p in problems:
        typer.echo(p, err=True)
    typer.echo(report.to_text())
