"""instgraph: a graph database of institutional relationships (the command line lives here)."""

__version__ = "0.1.0"
