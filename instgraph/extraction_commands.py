"""Commands that read documents: ``extract`` (facts from documents) and ``evaluate`` (against a gold)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from instgraph.options import JOBS_HELP as _JOBS_HELP
from instgraph.options import SEEDS_HELP as _SEEDS_HELP


class ExtractFormat(StrEnum):
    """``extract --format``."""

    json = "json"
    table = "table"
    dataset = "dataset"


_EXTRACT_FORMAT_HELP = (
    "json (the extract contract: documents, entities, relations) | table (entities, then relations, for a "
    "person) | dataset (a draft in the curated YAML format of data/ to correct, then build with --data)"
)
_EXTRACT_OUT_HELP = "Write the output here instead of stdout."
_DATE_HELP = (
    "The documents' publication date (2024, 2024-10, 2024-10-14 or '14 October 2024'), for documents that "
    "do not state it or state it wrongly; it wins over the date read from them."
)
_COUNTRY_HELP = (
    "The country (ISO 3166 code, e.g. KOR) of every entity found; default: the country each document is about, "
    "read from it (left out where it cannot tell)."
)
_EXTRACT_ALIASES_HELP = "A curated dataset whose names and aliases link mentions to its ids (one node per body)."


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Documents to read: .txt, .md, .pdf, .docx or .html files.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help=_EXTRACT_FORMAT_HELP)] = ExtractFormat.json,
    output: Annotated[Path | None, typer.Option("-o", "--output", help=_EXTRACT_OUT_HELP)] = None,
    aliases: Annotated[Path | None, typer.Option("--aliases", help=_EXTRACT_ALIASES_HELP)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_JOBS_HELP)] = 1,
    date: Annotated[str | None, typer.Option("--date", help=_DATE_HELP)] = None,
    country: Annotated[str | None, typer.Option("--country", help=_COUNTRY_HELP, show_default=False)] = None,
) -> None:
    """Extract actors, instruments and dated, cited relationships from documents (no network, no model)."""
    import json

    from graph.model.country import country_code
    from loaders.batch import extract_many, to_json
    from loaders.dataset import read_dataset
    from loaders.extract import gazetteer_from_graph

    code = country_code(country) if country is not None else None
    gazetteer = gazetteer_from_graph(read_dataset(aliases)) if aliases is not None else None
    extractions, problems = extract_many(paths, gazetteer=gazetteer, jobs=jobs, date=date)
    for p in problems:
        typer.echo(p, err=True)
    if not extractions:
        raise typer.Exit(1)  # each bad file has had its one line
    if fmt is ExtractFormat.dataset:
        from loaders.draft import draft_dataset

        text = draft_dataset(extractions)
    elif fmt is ExtractFormat.table:
        text = extraction_tables(to_json(extractions, code))
    else:
        text = json.dumps(to_json(extractions, code), ensure_ascii=False, indent=1)
    if output is not None:
        output.write_text(text if text.endswith("\n") else text + "\n", "utf-8")
        typer.echo(str(output))
    else:
        typer.echo(text.rstrip("\n"))


def extraction_tables(extracted: dict[str, Any], max_lines: int = 6) -> str:
    """The ``extract`` JSON as two tables for a person: the entities with the lines that mention them,
    then the relations with their first cited line."""
    from viz.diff_text import span
    from viz.tables import render

    files = {d["id"]: Path(d["path"]).name for d in extracted["documents"]}
    names = {e["id"]: e["name"] for e in extracted["entities"]}

    def where(items: list[dict[str, Any]]) -> str:
        by_file: dict[str, list[str]] = {}
        for m in items[:max_lines]:
            by_file.setdefault(files.get(m["document"], m["document"]), []).append(str(m["line"]))
        text = "; ".join(f"{name}:{','.join(lines)}" for name, lines in by_file.items())
        return text + (f" +{len(items) - max_lines} more" if len(items) > max_lines else "")

    def years(item: dict[str, Any]) -> str:
        return span(item.get("start"), item.get("end"))

    entities = [
        {
            "type": e["type"],
            "name": e["name"],
            "aliases": e["aliases"],
            "years": years(e),
            "mentioned": where(e["mentions"]),
        }
        for e in extracted["entities"]
    ]
    relations = [
        {
            "type": r["type"],
            "source": names.get(r["source"], r["source"]),
            "target": names.get(r["target"], r["target"]),
            "years": years(r),
            "conf": f"{r['confidence']:.1f}",
            "evidence": where(r["evidence"][:1]),
        }
        for r in sorted(extracted["relations"], key=lambda r: [(e["document"], e["line"]) for e in r["evidence"][:1]])
    ]
    return (
        f"Entities ({len(entities)})\n{render(entities, 'table')}\nRelations ({len(relations)})\n"
        f"{render(relations, 'table')}"
    )


_GOLD_HELP = (
    "What to score against: a curated dataset (.yaml; default data/korea-sme-digitalisation.yaml) or a "
    "corpus gold file (.json: per file name, its entities and relations)."
)
_EVAL_DOC_HELP = "A document to extract from (repeatable; default: the gold's own documents)."
_MIN_CONF_HELP = "Curated facts below this confidence (only implied by the text) are left out of recall."
_EVAL_FORMAT_HELP = "table (for people) | json (every figure and item, for machines)."
_MISSES_HELP = "List the missed and spurious items (default: yes for a dataset, no for a corpus gold)."


class EvaluateFormat(StrEnum):
    """``evaluate --format``."""

    table = "table"
    json = "json"


def evaluate(
    files: Annotated[list[Path] | None, typer.Argument(help="Documents to extract from.")] = None,
    document: Annotated[list[Path] | None, typer.Option("--document", help=_EVAL_DOC_HELP)] = None,
    dataset: Annotated[Path | None, typer.Option("--dataset", "--gold", help=_GOLD_HELP)] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", envvar="INSTGRAPH_SEEDS", help=_SEEDS_HELP)] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help=_MIN_CONF_HELP)] = 0.7,
    fmt: Annotated[EvaluateFormat, typer.Option("--format", help=_EVAL_FORMAT_HELP)] = EvaluateFormat.table,
    misses: Annotated[bool | None, typer.Option("--misses/--no-misses", help=_MISSES_HELP, show_default=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help=_JOBS_HELP)] = 1,
) -> None:
    """Recall and precision of extraction against a curated dataset or a corpus gold, with the misses."""
    import json

    from loaders.dataset import KOREA_DATASET
    from loaders.evaluate import evaluate_against

    report, problems = evaluate_against(
        dataset or KOREA_DATASET, [*(files or []), *(document or [])], seeds, min_confidence, jobs
    )
    for p in problems:
        typer.echo(p, err=True)
    typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if fmt == "json" else report.to_text(misses))
