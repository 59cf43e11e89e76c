"""``python -m loaders.documents FILE...``: each document's title, author, date and numbered lines."""

from loaders.documents.reader import main

raise SystemExit(main())
