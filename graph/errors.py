"""The project's error types: each carries one line a user can act on.

The CLI prints ``str(error)`` on stderr and exits 1 (2 for :class:`UsageError`); nothing else needs a
traceback to be understood.
"""

from __future__ import annotations


class InstgraphError(Exception):
    """A user-facing failure: bad input, an unreachable server, a missing tool. Say what and how to fix."""


class SchemaNameError(InstgraphError, KeyError):
    """A label or relationship type that graph/model/schema.yaml does not declare (a failed look-up, so a
    KeyError too)."""

    __str__ = Exception.__str__  # one plain line, not KeyError's quoted repr


class UsageError(InstgraphError):
    """A command-line option or parameter is wrong (exit code 2)."""


class InputError(InstgraphError):
    """A dataset or document cannot be used; the message names the file and line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line
