"""The contract suite's fixtures: the real OpenSearch node (`opensearch_url`) is tests/conftest.py's, shared by the
session with the other tests that need it (the migration)."""
from __future__ import annotations

from ..conftest import _unavailable  # noqa: F401  (tests here import it from this package)
