"""The write path: the `ingest` pipeline (read → passages → entities → backend → `registry`), canonical names over
the collection (`canonical`, `resolve`, `rewrites`), and what runs after uploads (`pending`, `upkeep`)."""
