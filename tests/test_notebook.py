"""notebooks/centrality.ipynb runs top to bottom against the real Neo4j server and draws its plots."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import install as install_kernelspec
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "centrality.ipynb"
KERNEL = "instgraph-test"


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(not c.outputs and c.execution_count is None for c in code)
    # Every step is explained: a Markdown cell comes before each code cell.
    kinds = [c.cell_type for c in nb.cells]
    assert kinds[0] == "markdown"
    assert all(a == "markdown" for a, b in zip(kinds, kinds[1:], strict=False) if b == "code")


@pytest.mark.neo4j
def test_notebook_runs_against_the_server_and_plots(neo4j_settings, clean_db, monkeypatch, tmp_path):
    # A kernelspec for this very interpreter (the venv's), found first through JUPYTER_PATH.
    install_kernelspec(kernel_name=KERNEL, prefix=str(tmp_path))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    # The kernel inherits this environment: it finds the server of the test session there (an empty
    # database, thanks to clean_db, so the notebook's own loading step runs too).
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database)

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix)"))
    client = NotebookClient(
        nb, kernel_name=KERNEL, timeout=600, resources={"metadata": {"path": str(REPO / "notebooks")}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails

    assert nb.cells[-1].outputs[0]["text"].strip() == sys.prefix  # the venv's interpreter ran it
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3  # 2018 bars, 2006 vs 2018, coordination over time
    text = "".join(o.get("text", "") for o in outputs)
    assert "loaded the Korea graph into an empty database" in text
    assert "at most 2 groups at once before, 1 after" in text
    assert "ministry:ministry-of-smes-and-startups" in text
