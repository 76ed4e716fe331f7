"""Text files known by their content: reStructuredText by docutils, man pages rendered by groff.

Any other text (JSON, XML, README.Debian, ...) is read as plain text by the text reader whatever its extension.
"""
from __future__ import annotations

import re
import shutil
import subprocess

from .document import Builder, Document
from .text import clean_text, one_line
from ..errors import ReadError

RST_EXTENSIONS = frozenset({".rst", ".rest"})
GROFF_INSTALL = "sudo apt-get install groff-base"
# A reST title or section: a line of text under (and maybe over) a line of one punctuation character.
_RST_UNDERLINE = re.compile(r"^\S[^\n]*\n([=\-~^\"'`#*+:.])\1{2,}[ \t]*$", re.M)
_RST_MARKUP = re.compile(r"^\.\. (?:_[^:]+:|[\w-]+::)", re.M)
_ROLE = re.compile(r":[\w:.-]+:`([^`<]*?)\s*(?:<[^`]*>)?`")
_TROFF = re.compile(r"^\.(?:TH|Dd|SH)\b", re.M)
_MAN_HEADING = re.compile(r"^[A-Z][A-Z0-9 ,/&()-]*$")
_OVERSTRIKE = re.compile(r".\x08")
_MAN_SECONDS = 10


def looks_like_rst(text: str) -> bool:
    """reST without its extension ("README"): section underlines, and targets or directives."""
    return bool(_RST_UNDERLINE.search(text[:20000]) and _RST_MARKUP.search(text[:20000]))


def looks_like_man(text: str) -> bool:
    """A man page's troff source: a .TH (or mdoc .Dd) macro and sections."""
    return bool(_TROFF.search(text[:4000])) and (".SH" in text or ".Sh" in text)


def read_rst(text: str, stem: str) -> Document | None:
    """reST parsed by docutils: its title, one section per section, no markup (".. _l10n:"); None if it fails."""
    from docutils import nodes
    from docutils.core import publish_doctree

    # Nothing from outside the text: no file or URL insertion, no raw HTML, no messages in the output.
    settings = {"file_insertion_enabled": False, "raw_enabled": False, "report_level": 5, "halt_level": 5,
                "warning_stream": False, "_disable_config": True}
    try:
        tree = publish_doctree(text, settings_overrides=settings)
    except Exception:  # noqa: BLE001 - docutils raises on some malformed input: the text is read as plain text
        return None
    for node in list(tree.findall(nodes.system_message)):
        node.parent.remove(node)
    for node in list(tree.findall(nodes.problematic)):  # a Sphinx role (":ref:`Using pip`"): its text
        node.parent.replace(node, nodes.Text(_ROLE.sub(r"\1", node.astext())))
    skip = (nodes.system_message, nodes.comment, nodes.target, nodes.substitution_definition, nodes.raw,
            nodes.title, nodes.section, nodes.docinfo, nodes.pending)
    b = Builder()

    def walk(node, heading: str) -> None:
        b.add(heading, "\n\n".join(clean_text(c.astext()) for c in node.children if not isinstance(c, skip)))
        for sub in node.children:
            if isinstance(sub, nodes.section):
                walk(sub, one_line(sub[0].astext()) if sub.children else "")

    walk(tree, "")
    if not b.sections:
        return None
    return b.build(one_line(tree.get("title") or "") or stem, "rst")


def read_man(text: str, stem: str) -> Document | None:
    """A man page as `man` shows it (groff), one section per heading; None when groff is not installed.

    Lines are made very long so that groff neither wraps nor hyphenates: each paragraph is one line."""
    groff = shutil.which("groff")
    if groff is None:
        return None
    try:
        out = subprocess.run([groff, "-t", "-mandoc", "-Tutf8", "-P-c", "-rLL=5000n"], input=text.encode(),
                             capture_output=True, timeout=_MAN_SECONDS, check=False).stdout
    except subprocess.TimeoutExpired:
        raise ReadError(f"groff took over {_MAN_SECONDS} s to render this man page") from None
    lines = clean_text(_OVERSTRIKE.sub("", out.decode("utf-8", "replace"))).split("\n")
    b, heading, buf, title = Builder(), "", [], ""
    for line in lines[1:-1]:  # the first and last lines are the page's running header and footer
        if line and not line[0].isspace() and _MAN_HEADING.match(line.strip()):
            b.add(heading, "\n".join(buf))
            heading, buf = line.strip().title(), []
        else:
            buf.append(line.strip() if heading == "Name" else line)
            if heading == "Name" and not title and line.strip():
                title = one_line(line)
    b.add(heading, "\n".join(buf))
    if not b.sections:
        return None
    return b.build(title or stem, "man")
