"""Transitional: the model moved to :mod:`graph.model` (``from graph.model import InstitutionalGraph``).

Kept only for ``loaders/evaluate.py``, which another change owns; delete this file once it imports
``graph.model``.
"""

from graph.model.institutional_graph import InstitutionalGraph, ModelError, graphs_equal, matches

__all__ = ["InstitutionalGraph", "ModelError", "graphs_equal", "matches"]
