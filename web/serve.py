"""Serving the app under waitress; an empty index is filled with the bundled corpus first."""
from __future__ import annotations

from indexer import Settings

from . import create_app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 5000) -> None:
    """Index the bundled corpus if nothing is indexed yet, then serve until interrupted."""
    import sys

    import waitress

    # Index reads release the GIL at every file read; with the default 5 ms switch interval a search that
    # needs it back waits behind any busy thread each time (the convoy effect), so hand it back sooner.
    sys.setswitchinterval(0.001)

    app = create_app(settings)
    engine = app.extensions["sleuth"]
    if engine.is_empty():
        files = [p for p in settings.corpus_dir.iterdir() if p.is_file()] if settings.corpus_dir.is_dir() else []
        print(f"Index is empty: indexing the bundled corpus ({len(files)} files from {settings.corpus_dir})…",
              flush=True)
        report = engine.index_paths([settings.corpus_dir])
        print(f"Indexed {report.count('added')} documents, {report.passages} passages in {report.seconds:.1f} s.",
              flush=True)
    print(f"Sleuth is ready at http://{host}:{port}  (data: {settings.index_dir}; Ctrl+C to stop)", flush=True)
    waitress.serve(app, host=host, port=port, threads=8, ident="Sleuth")
