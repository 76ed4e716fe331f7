"""The `sleuth` command: `parser` builds the arguments, `commands` runs them over the facade."""
from .commands import main

__all__ = ["main"]
