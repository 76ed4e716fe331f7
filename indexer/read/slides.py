"""Presentations: .pptx (python-pptx) and .odp (its XML); one section per slide, speaker notes included."""
from __future__ import annotations

import io

from .document import Builder, Document
from .text import clean_text, one_line
from ..errors import ReadError
from . import odf
from .nested import Unpacking, open_zip

SLIDE_EXTENSIONS = frozenset({".pptx", ".odp"})
# Titles that presentation programs fill in themselves: they name no presentation.
_DEFAULT_TITLES = {"presentation", "powerpoint presentation", "powerpoint-präsentation", "slide 1"}


def read_slides(data: bytes, stem: str, suffix: str, unpack: Unpacking) -> Document:
    """Each slide a section ("Slide 3: its title"), its text then "Speaker notes:" and the notes."""
    if suffix == ".odp":
        root, title = odf.content(data, unpack, "presentation")
        slides = [(name, body, notes) for name, body, notes in odf.pages(root)]
        fmt = "odp"
    else:
        slides, title = _pptx(data, unpack)
        fmt = "pptx"
    b = Builder()
    for n, (name, body, notes) in enumerate(slides, 1):
        text = "\n".join(t for t in body if t.strip())
        if any(t.strip() for t in notes):
            text += "\n\nSpeaker notes:\n" + "\n".join(t for t in notes if t.strip())
        b.add(f"Slide {n}: {name}" if name else f"Slide {n}", text)
    if not b.sections:
        raise ReadError(f"this .{fmt} presentation has no text")
    first = next((name for name, _, _ in slides if name), "")
    title = "" if title.casefold() in _DEFAULT_TITLES else title
    return b.build(title or first or stem, fmt, {"slides": str(len(slides))})


def _pptx(data: bytes, unpack: Unpacking):
    from pptx import Presentation

    open_zip(data, unpack, "PowerPoint presentation")
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many types for damaged packages
        raise ReadError(f"not a valid .pptx presentation ({type(exc).__name__})") from None
    slides = []
    for slide in prs.slides:
        heading = slide.shapes.title
        name = one_line(heading.text_frame.text) if heading is not None and heading.has_text_frame else ""
        body = [_shape_text(s) for s in slide.shapes if heading is None or s.shape_id != heading.shape_id]
        notes = []
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            notes = [clean_text(slide.notes_slide.notes_text_frame.text)]
        slides.append((name, body, notes))
    return slides, one_line(prs.core_properties.title or "")


def _shape_text(shape) -> str:
    """A shape's text: a text frame's paragraphs, a table's rows, a group's shapes."""
    if shape.shape_type is not None and getattr(shape, "shapes", None) is not None:  # a group
        return "\n".join(_shape_text(s) for s in shape.shapes)
    if getattr(shape, "has_table", False) and shape.has_table:
        rows = (" | ".join(t for c in row.cells if (t := one_line(c.text))) for row in shape.table.rows)
        return "\n".join(r for r in rows if r)
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        return clean_text(shape.text_frame.text)
    return ""
