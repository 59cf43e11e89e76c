"""File I/O around the pure reader: a dataset file's text, where its documents are, and the graph it gives."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from graph.errors import InputError
from graph.model.institutional_graph import InstitutionalGraph
from loaders import documents
from loaders.dataset.building import check_documents, to_graph
from loaders.dataset.parsing import parse_dataset
from loaders.dataset.specs import KOREA_DATASET, Dataset, default_seeds_dir

# Largest dataset file read: the curated Korea dataset is about 20 kB; a file this big is a mistake
# (a log, an export, a dump), and reading it would only cost memory before failing.
MAX_DATASET_BYTES = 16 * 1024 * 1024


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
