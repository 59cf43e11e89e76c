"""The graph as CSV for ``neo4j-admin database import full``: the files, and the options to import them.

The tables (:mod:`graph.store.csv_tables`) are written as :mod:`csv` would write them: rows are
``",".join`` of the cells, written in chunks. Arrays are joined with ``;`` unless an item holds one; the
write then notes which of the candidate delimiters occur in items and, if ``;`` does, writes everything
again with the first free one.

A large graph is written by two processes when a second CPU is idle (the second one forked, so it
shares the graph without a copy): each takes the largest task left (a relationship type's table, the
derived mentions, the node tables) until none is left.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TextIO

from graph.collector import gc_paused
from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.csv_cells import ARRAY_DELIMITERS, Findings, csv_cell, csv_cells
from graph.store.csv_tables import Table, TableTask, table_tasks

ARGS_FILE = "neo4j-admin-import.args"
# relationships from which two processes write: below, forking and the helper's start outweigh the gain
_TWO_PROCESSES_FROM = 50_000


@dataclass
class AdminImportTables:
    """CSV files (name → rows, header first) and the options ``neo4j-admin database import`` needs."""

    files: dict[str, list[list[str]]] = field(default_factory=dict)
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    array_delimiter: str = ";"
    multiline: bool = False


# --- writing -----------------------------------------------------------------------------------------------
def _write_table(fh: TextIO, table: Table, found: Findings) -> None:
    """The table as :mod:`csv` writes it, a block of rows per write."""
    fh.write(",".join(map(csv_cell, table.header)) + "\n")
    for cells, quoted in table.blocks(found):
        columns = [csv_cells(c) if q else c for c, q in zip(cells, quoted, strict=True)]
        fh.write("\n".join(map(",".join, zip(*columns, strict=True))))
        fh.write("\n")


Take = Callable[[], int | None]
"""Hands out the index of the next task to build, or ``None`` when none is left."""


def _write_tasks(tasks: list[TableTask], take: Take, directory: Path, delimiter: str, found: Findings
                 ) -> dict[int, list[str]]:  # fmt: skip
    """Build and write the tables of the tasks ``take`` hands out; their file names, by task."""
    written: dict[int, list[str]] = {}
    while (i := take()) is not None:
        written[i] = []
        for table in tasks[i].build(delimiter, found):
            with open(directory / table.name, "w", encoding="utf-8", newline="") as fh:
                _write_table(fh, table, found)
            written[i].append(table.name)
    return written


def _write_pass(tasks: list[TableTask], directory: Path, delimiter: str, processes: int
                ) -> tuple[AdminImportTables, Findings]:  # fmt: skip
    found = Findings()
    order = sorted(range(len(tasks)), key=lambda i: -tasks[i].cost)  # the largest first: the two end together
    if processes > 1:
        written = _in_two_processes(tasks, order, directory, delimiter, found)
    else:
        queue = iter(order)
        written = _write_tasks(tasks, lambda: next(queue, None), directory, delimiter, found)
    tables = AdminImportTables(array_delimiter=delimiter, multiline=found.multiline)
    for i, task in enumerate(tasks):
        getattr(tables, task.kind).extend(written[i])
    return tables, found


def _in_two_processes(tasks: list[TableTask], order: list[int], directory: Path, delimiter: str,
                      found: Findings) -> dict[int, list[str]]:  # fmt: skip
    """The tasks shared with a forked helper process: each process takes the next one in ``order``
    whenever it is free. The helper's findings are added to ``found``; its error is raised here."""
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)

    def take() -> int | None:
        with taken.get_lock():
            n = taken.value
            taken.value = n + 1
        return order[n] if n < len(order) else None

    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_helper, args=(tasks, take, directory, delimiter, send), daemon=True)
    helper.start()
    send.close()  # the helper holds the only sending end now: receiving stops when it exits
    outcome: object = None
    try:
        written = _write_tasks(tasks, take, directory, delimiter, found)
        with suppress(EOFError):
            outcome = receive.recv()
    except BaseException:
        helper.terminate()
        raise
    finally:
        helper.join()
        receive.close()
    if isinstance(outcome, BaseException):
        raise outcome
    if not isinstance(outcome, tuple):
        raise InstgraphError(f"CSV export: the second writing process ended with exit code {helper.exitcode}")
    theirs, their_found = outcome
    found.in_items |= their_found.in_items
    found.multiline |= their_found.multiline
    return written | theirs


def _helper(tasks: list[TableTask], take: Take, directory: Path, delimiter: str, send: Connection) -> None:
    """The forked process's share of :func:`_in_two_processes`; sends its file names and findings, or
    its error."""
    found = Findings()
    outcome: object
    try:
        outcome = (_write_tasks(tasks, take, directory, delimiter, found), found)
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = exc
    try:
        send.send(outcome)
    except Exception:  # noqa: BLE001 - an error that cannot be pickled: its message goes instead
        send.send(InstgraphError(f"CSV export: {outcome}"))


def writing_processes(graph: InstitutionalGraph) -> int:
    """Two writing processes for a large graph where ``fork`` is there and a second CPU is idle now (see
    :func:`idle_cpus`; the 1-minute load average lags: after a minute of this process's own work it
    reads 1 on an idle machine). The two spend more CPU than one (their first writes to the shared graph
    copy its pages): at 200,000 relationships on 2 busy cores (load average 2.5) they took 1.5 times the
    CPU and 1.5 times as long; at load average 15, 0.6 times as long, but only by taking CPU from the
    other processes."""
    cpus = len(os.sched_getaffinity(0))
    if graph.graph.number_of_edges() < _TWO_PROCESSES_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    idle = idle_cpus()
    if idle is None:  # no /proc/stat: the load average, this process included, must leave a CPU free
        return 2 if cpus > 1 and os.getloadavg()[0] < cpus - 0.5 else 1
    return 2 if cpus > 1 and idle > 1.5 else 1


def idle_cpus(seconds: float = 0.1) -> float | None:
    """How many CPUs were idle (this process's too) over the next ``seconds``, from ``/proc/stat``'s
    totals; ``None`` where it cannot be read."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as fh:
            ticks = list(map(int, fh.readline().split()[1:9]))  # user … steal: guest time is in user
        return ticks[3] + ticks[4], sum(ticks)  # idle and waiting for I/O

    try:
        idle, total = sample()
        time.sleep(seconds)
        idle_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return None
    return (os.cpu_count() or 1) * (idle_after - idle) / max(total_after - total, 1)


def _free_delimiter(found: Findings) -> str:
    for candidate in ARRAY_DELIMITERS:
        if candidate not in found.in_items:
            return candidate
    raise InstgraphError("CSV export: every array delimiter candidate occurs inside a list value")


def admin_import_arguments(tables: AdminImportTables, directory: Path) -> list[str]:
    """Options for ``neo4j-admin database import full <options> <database>`` over the written files."""
    delim = tables.array_delimiter
    args = [f"--nodes={directory / n}" for n in tables.nodes]
    args += [f"--relationships={directory / r}" for r in tables.relationships]
    args.append(f"--array-delimiter={delim if delim.isprintable() else f'U+{ord(delim):04X}'}")
    if tables.multiline:
        args.append("--multiline-fields=true")
    return args


def write_admin_import_csv(graph: InstitutionalGraph, directory: Path, *, processes: int | None = None) -> list[str]:
    """Write the CSV files into ``directory`` (created) and :data:`ARGS_FILE` with the import options (one
    per line; picocli reads it as ``@neo4j-admin-import.args``); returns the options. ``processes``: 1 or
    2 writing processes (default: 2 for a large graph on an idle second CPU, see :func:`writing_processes`)."""
    directory.mkdir(parents=True, exist_ok=True)
    processes = writing_processes(graph) if processes is None else processes
    with gc_paused():  # millions of cells and rows, no cycles among them (see gc_paused)
        tasks = table_tasks(graph)
        tables, found = _write_pass(tasks, directory, ARRAY_DELIMITERS[0], processes)
        delimiter = _free_delimiter(found)
        if delimiter != tables.array_delimiter:
            tables, _ = _write_pass(tasks, directory, delimiter, processes)
    args = admin_import_arguments(tables, directory.resolve())
    (directory / ARGS_FILE).write_text("\n".join(args) + "\n", encoding="utf-8")
    return args


def admin_import_tables(graph: InstitutionalGraph) -> AdminImportTables:
    """The files :func:`write_admin_import_csv` writes, in memory (name → rows of cells, header first)."""
    tasks = table_tasks(graph)
    for delimiter in ARRAY_DELIMITERS:
        found = Findings()
        tables = AdminImportTables(array_delimiter=delimiter)
        for task in tasks:
            for table in task.build(delimiter, found):
                tables.files[table.name] = [table.header, *map(list, table.rows(found))]
                getattr(tables, task.kind).append(table.name)
        tables.multiline = found.multiline
        if _free_delimiter(found) == delimiter:
            return tables
    raise InstgraphError("CSV export: every array delimiter candidate occurs inside a list value")
