"""The `sleuth` command: `parser` builds the arguments, `commands` runs them over the facade (`annotate`: the
tag, notes and saved commands)."""
from . import commands
from .annotate import COMMANDS
from .commands import main

commands._COMMANDS.update(COMMANDS)

__all__ = ["main"]
