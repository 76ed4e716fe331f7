"""A light spaCy pipeline (blank English + an entity ruler) for tests and trials where entities do not matter."""
from __future__ import annotations

from pathlib import Path

PATTERNS = [("PERSON", "Leon Trotsky"), ("PERSON", "Natalia Sedova"), ("PERSON", "Ramón Mercader"),
            ("PERSON", "Diego Rivera"), ("GPE", "Coyoacán"), ("GPE", "Coyoacan"), ("GPE", "Mexico"),
            ("GPE", "Paris"), ("DATE", "20 August 1940")]


def save_light_model(dest: Path) -> Path:
    """Save the pipeline to `dest` (a folder `Settings(model=…)` / `SLEUTH_MODEL` accepts); it loads in a fraction
    of the real model's time, which counts most in subprocesses (each `sleuth index` loads its pipeline)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": label, "pattern": text} for label, text in PATTERNS])
    nlp.to_disk(dest)
    return dest
