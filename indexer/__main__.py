"""`python -m indexer` runs the `sleuth` CLI."""
import sys

from .cli.commands import main

sys.exit(main())
