"""Curated datasets: hand-written YAML files of entities and relationships that cite document lines.

A dataset names its source documents, then lists entities and relationships in the project's own
words; every fact cites the lines of a document that state it (1-based, as ``cat -n`` numbers them).
``data/korea-sme-digitalisation.yaml`` is the example to copy; its header explains the format.

Three layers, so the core stays pure, each in its own module (``specs`` holds what they share):

* :func:`parse_dataset` (``parsing``, on ``yaml_nodes``) turns YAML text into a validated :class:`Dataset`
  (no file access). Every error is an :class:`~graph.errors.InputError` naming the file, the YAML line
  and what is allowed.
* :func:`check_documents` (``building``) checks the dataset against the documents' texts when they are at hand
  (the sha256 matches, cited lines exist), and :func:`to_graph` builds the
  :class:`~graph.model.InstitutionalGraph`, quoting the cited lines when it has the text.
* :func:`read_dataset` and :func:`open_dataset` (``files``) do the file I/O around them.

>>> ds = parse_dataset('''
... entities:
...   - {type: Ministry, name: Ministry of Examples, aliases: [MoE], start: 2017}
...   - {type: Programme, name: Example programme}
... relationships:
...   - {type: IMPLEMENTS, source: MoE, target: Example programme, start: 2018}
... ''', "example.yaml")
>>> g = to_graph(ds)
>>> [(r.type, r.source, r.target) for r in g.relationships()]
[('IMPLEMENTS', 'ministry:ministry-of-examples', 'programme:example-programme')]
"""


from loaders.dataset.building import check_documents, entity_evidence, to_graph
from loaders.dataset.files import (
    MAX_DATASET_BYTES,
    korea_graph,
    locate_documents,
    open_dataset,
    read_cited_documents,
    read_dataset,
    read_text,
)
from loaders.dataset.parsing import parse_dataset
from loaders.dataset.specs import (
    DATA_DIR,
    DOCUMENT_TYPE,
    KOREA_DATASET,
    MENTION_TYPE,
    REPO_DIR,
    Citation,
    Dataset,
    DocumentSpec,
    EntitySpec,
    RelationshipSpec,
    alias_text,
    default_seeds_dir,
    document_lines,
    text_sha256,
)

__all__ = [
    "DATA_DIR",
    "DOCUMENT_TYPE",
    "KOREA_DATASET",
    "MAX_DATASET_BYTES",
    "MENTION_TYPE",
    "REPO_DIR",
    "Citation",
    "Dataset",
    "DocumentSpec",
    "EntitySpec",
    "RelationshipSpec",
    "alias_text",
    "check_documents",
    "default_seeds_dir",
    "entity_evidence",
    "document_lines",
    "korea_graph",
    "locate_documents",
    "open_dataset",
    "parse_dataset",
    "read_cited_documents",
    "read_dataset",
    "read_text",
    "text_sha256",
    "to_graph",
]
