"""`python -m indexer` runs the `sleuth` CLI."""
import sys

from .cli import main

sys.exit(main())
