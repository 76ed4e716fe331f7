"""Indexing email (issue 24): a mailbox of real-sized messages against raw spaCy over the same bodies, with the
indexing process's peak memory; and memory alone over a large mailbox or zip (the light model: entities do not
matter there). Not collected by pytest; run under `nice -n 5` on a shared machine and say so with the figures.

    python tests/perf/mbox_index.py rate ../shared/data/wiki-vital-summaries.jsonl --messages 10000
    python tests/perf/mbox_index.py memory --mbox-mb 200          # RSS sampled through a streamed mailbox
    python tests/perf/mbox_index.py zip --zip-mb 500              # RSS of indexing a zip of documents
    python tests/perf/mbox_index.py profile --messages 2000       # the indexer's own work (light model) by cProfile
    python tests/perf/mbox_index.py floor --messages 10000        # the rate with parts of the indexer's work left out

The mailbox: each message takes the header block of one of CPython's email test messages (tests/data/real/
cpython-email, in turn: From, To, Cc, Date as they were written) with a Subject and Message-ID of its own, and one wiki
summary as its text/plain body (about 600 characters: a real-sized message).
"""
from __future__ import annotations

import argparse
import email
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer import Settings, Sleuth  # noqa: E402
from indexer.entities import nlp as sleuth_nlp  # noqa: E402
from indexer.read.passages import split_passages  # noqa: E402
from indexer.read.sources import sources_from_paths  # noqa: E402
from tests.light_model import save_light_model  # noqa: E402

MAIL = ROOT / "tests" / "data" / "real" / "cpython-email"
_KEPT = ("from", "to", "cc", "date")


def headers() -> list[str]:
    """The From/To/Cc/Date lines of each real test message that has a From."""
    out = []
    for path in sorted(MAIL.glob("*.*")) + sorted((MAIL.parent / "cpython-email-thread").glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes())
        lines = [f"{k}: {msg[k]}" for k in ("From", "To", "Cc", "Date") if msg[k]]
        if msg["From"]:
            out.append("\n".join(" ".join(line.split()) for line in lines))
    return out


def build_mbox(path: Path, bodies: list[dict]) -> int:
    heads = headers()
    with open(path, "w", encoding="utf-8") as f:
        for n, rec in enumerate(bodies):
            body = "\n".join(">" + ln if ln.startswith("From ") else ln for ln in rec["text"].split("\n"))
            f.write(f"From sleuth@example.org Sat Jan  1 00:00:00 2000\n{heads[n % len(heads)]}\n"
                    f"Subject: {' '.join(rec['title'].split())}\nMessage-ID: <{n}.bench@example.org>\n"
                    f"Content-Type: text/plain; charset=utf-8\n\n{body}\n\n")
    return len(bodies)


def summaries(jsonl: Path, n: int) -> list[dict]:
    recs = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    return [recs[i % len(recs)] for i in range(n)]


def body_texts(mbox: Path) -> list[str]:
    """The passages the indexer sends to spaCy: the mailbox read and split as the indexer does."""
    [src] = list(sources_from_paths([mbox]))
    return [p.text for d in src.read(None) if hasattr(d, "sections") for p in split_passages(d) if p.kind == "body"]


class Periodic:
    """A thread that calls `read` every `interval` seconds while the `with` block runs."""

    interval = 0.5

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def read(self) -> None:
        raise NotImplementedError

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.read()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class Sampler(Periodic):
    """This process's RSS every half second (and its children's peak at the end)."""

    def __init__(self) -> None:
        super().__init__()
        self.samples: list[tuple[float, float]] = []
        self.started = time.perf_counter()

    def read(self) -> None:
        rss = float(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
        self.samples.append((time.perf_counter() - self.started, rss))

    def quartiles(self) -> list[float]:
        """RSS (MB) at a quarter, half, three quarters and the end of the run."""
        s = self.samples or [(0.0, 0.0)]
        return [round(s[min(len(s) - 1, max(0, int(len(s) * q) - 1))][1]) for q in (0.25, 0.5, 0.75, 1.0)]


class CpuMeter(Periodic):
    """CPU seconds (user and system) of this process's descendants (worker processes, a child and its workers),
    read from /proc every 0.2 s; each process counts by its last reading (one that ends between two loses at most
    0.2 s). The load of other sessions moves this far less than it moves the seconds of the clock."""

    TICK = os.sysconf("SC_CLK_TCK")
    interval = 0.2

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[int, float] = {}

    def read(self) -> None:
        me, parent, cpu = os.getpid(), {}, {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                parent[int(name)], cpu[int(name)] = int(fields[1]), (int(fields[11]) + int(fields[12])) / self.TICK
        for pid, seconds in cpu.items():
            up = parent.get(pid)
            while up not in (None, me, 0, 1):
                up = parent.get(up)
            if up == me:
                self.seen[pid] = seconds

    def seconds(self) -> float:
        return sum(self.seen.values())


def peak_mb() -> tuple[int, int]:
    """Peak RSS of this process and of its largest child, in MB."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)


# `floor`'s runs with part of the work left out (in the child process only): "ner-only" reads the mailbox and finds
# the entities, then does nothing with them; "no-writing" also resolves the names (canonical names, facets, pattern
# entities, dates) and writes neither Whoosh nor the registry.
LEAVE_OUT = ("ner-only", "no-writing")


def leave_out(part: str) -> None:
    from indexer.write import ingest

    write = ingest.Pipeline._write

    def resolve_only(self, *args, **kwargs):
        self.backend.write = lambda *a, **k: None
        self.registry.put = lambda rows: [None for _ in rows]
        return write(self, *args, **kwargs)

    ingest.Pipeline._write = (lambda self, batch, mentions, canon, stale, *a, **k: stale) if part == "ner-only" \
        else resolve_only


def index(mbox_or_zip: Path, data: Path, model: str = "") -> dict:
    """Index one file in this process, its RSS sampled; figures as a dict. With a (light) model given, memory is
    what is measured: OCR is off too (a scan would take minutes and say nothing about memory)."""
    with Sampler() as sampler:
        started = time.perf_counter()
        app = Sleuth(Settings(index_dir=data, model=model, writer_timeout=600, ocr=not model))
        report = app.index_paths([mbox_or_zip])
        seconds = time.perf_counter() - started
        app.close()
    parent, child = peak_mb()
    return {"documents": report.count("added"), "failed": len(report.failed), "passages": report.passages,
            "seconds": round(seconds, 1), "indexing_process_cpu_s": round(time.process_time(), 1),  # not its workers
            "rss_quartiles_mb": sampler.quartiles(), "peak_rss_mb": parent,
            "peak_child_rss_mb": child}


def child(args: list[str]) -> dict:
    """Run this script's `_index` in a fresh process (its peak RSS is its own) and return its figures."""
    out = subprocess.run([sys.executable, __file__, "_index", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def raw_spacy(texts: list[str]) -> tuple[float, float]:
    """Raw spaCy over the texts (n_process as the indexer would pick, batch 64): (passages a second, CPU seconds of
    this process and spaCy's workers)."""
    model = sleuth_nlp.load("")
    workers = sleuth_nlp.workers(len(texts), 0)
    started, own = time.perf_counter(), time.process_time()
    with CpuMeter() as raw_cpu:
        for _ in model.pipe(texts, batch_size=64, n_process=workers):
            pass
    return len(texts) / (time.perf_counter() - started), time.process_time() - own + raw_cpu.seconds()


def rate(jsonl: Path, messages: int, work: Path) -> dict:
    mbox = work / "bench.mbox"
    build_mbox(mbox, summaries(jsonl, messages))
    texts = body_texts(mbox)
    workers = sleuth_nlp.workers(len(texts), 0)
    raw, raw_seconds = raw_spacy(texts)
    with CpuMeter() as our_cpu:
        ours = child([str(mbox), str(work / "data")])
    pps = len(texts) / ours["seconds"]
    # CPU seconds of each side (raw spaCy: this process and spaCy's workers; Sleuth: the indexing process and its
    # NER workers, model loading included). Their ratio is what the rates' would be if both sides kept two idle
    # cores busy throughout; Sleuth's start and its last batch (written once NER has ended) use one: an upper bound.
    return {"messages": messages, "mbox_mb": round(mbox.stat().st_size / 2**20, 1), "body_passages": len(texts),
            "n_process": workers, "raw_spacy_pps": round(raw, 1), "sleuth_body_pps": round(pps, 1),
            "ratio": round(pps / raw, 3), "raw_spacy_cpu_s": round(raw_seconds, 1),
            "sleuth_cpu_s": round(our_cpu.seconds(), 1), "cpu_ratio": round(raw_seconds / our_cpu.seconds(), 3),
            **ours}


def one_field_whoosh(texts: list[str], work: Path) -> float:
    """CPU seconds of Whoosh alone writing the texts as one unstored text field (the indexer's word analysis and
    codec, a commit every SLEUTH_COMMIT_EVERY): far less than the indexer writes for them, a floor of Whoosh's part."""
    from whoosh import fields, index as whoosh_index

    from indexer.backend.whoosh.codec import Codec
    from indexer.backend.whoosh.schema import TEXT_ANALYZER

    step = Settings().commit_every
    work.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(work, fields.Schema(id=fields.ID(stored=True), text=fields.TEXT(analyzer=TEXT_ANALYZER)))
    own = time.process_time()
    for at in range(0, len(texts), step):
        writer = ix.writer(codec=Codec())
        for n, text in enumerate(texts[at:at + step], at):
            writer.add_document(id=str(n), text=text)
        writer.commit(merge=False)
    return time.process_time() - own


def floor(jsonl: Path, messages: int, work: Path) -> dict:
    """`rate`'s mailbox indexed whole and with parts of the work left out (LEAVE_OUT), each against raw spaCy's
    CPU seconds; and Whoosh alone writing every passage's text: where the indexer's CPU seconds go, and how much of
    it a rate of 85% leaves."""
    mbox = work / "bench.mbox"
    build_mbox(mbox, summaries(jsonl, messages))
    texts = body_texts(mbox)
    raw, raw_seconds = raw_spacy(texts)
    out: dict = {"raw_spacy_pps": round(raw, 1), "raw_spacy_cpu_s": round(raw_seconds, 1)}
    for part in (*LEAVE_OUT, "whole"):
        with CpuMeter() as our_cpu:
            ours = child([str(mbox), str(work / part), "", part])
        out[part] = {"ratio": round(len(texts) / ours["seconds"] / raw, 3),
                                      "cpu_s": round(our_cpu.seconds(), 1),
                                      "cpu_ratio": round(raw_seconds / our_cpu.seconds(), 3),
                                      "indexing_process_cpu_s": ours["indexing_process_cpu_s"]}
    [src] = list(sources_from_paths([mbox]))
    every = [p.text for d in src.read(None) if hasattr(d, "sections") for p in split_passages(d)]
    out["whoosh_one_field_cpu_s"] = {"passages": len(every), "cpu_s": round(one_field_whoosh(every, work / "one"), 1)}
    return out


def memory(mb: int, work: Path, jsonl: Path) -> dict:
    mbox = work / "big.mbox"
    recs = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    n = 0
    with open(mbox, "w", encoding="utf-8") as f:
        while f.tell() < mb * 2**20:
            rec = recs[n % len(recs)]
            f.write(f"From sleuth@example.org Sat Jan  1 00:00:00 2000\nFrom: a{n}@example.org\n"
                    f"Subject: {' '.join(rec['title'].split())} {n}\nMessage-ID: <{n}.big@example.org>\n\n"
                    f"{rec['text']}\n\n")
            n += 1
    model = save_light_model(work / "light")
    return {"mbox_mb": round(mbox.stat().st_size / 2**20), "messages": n,
            **child([str(mbox), str(work / "data"), str(model)])}


def zip_of_documents(mb: int, work: Path, jsonl: Path) -> dict:
    """A zip of real documents (the repo's real test files of 50 KB or more: PDFs, office files, HTML, Outlook
    messages, each many times under new names) of about `mb` MB, stored uncompressed as most such files already are."""
    real = sorted(p for p in (ROOT / "tests" / "data" / "real").rglob("*")
                  if p.is_file() and p.stat().st_size >= 50_000 and p.name not in ("SOURCES", "README.md"))
    path = work / "documents.zip"
    n = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        while path.stat().st_size < mb * 2**20 and n < 9000:
            src = real[n % len(real)]
            z.writestr(f"d{n // len(real)}/{src.name}", src.read_bytes())
            n += 1
            if n % 200 == 0:
                z.fp.flush()
    model = save_light_model(work / "light")
    return {"zip_mb": round(path.stat().st_size / 2**20), "members": n,
            **child([str(path), str(work / "data"), str(model)])}


def profile(jsonl: Path, messages: int, work: Path) -> dict:
    """`rate`'s mailbox indexed under cProfile with the light model (NER nearly free: what is left is the indexer's
    own work); the top of the profile by cumulative time is printed to stderr."""
    import cProfile
    import io
    import pstats

    mbox = work / "bench.mbox"
    build_mbox(mbox, summaries(jsonl, messages))
    model = save_light_model(work / "light")
    profiler = cProfile.Profile()
    out = profiler.runcall(index, mbox, work / "data", str(model))
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
    print(text.getvalue(), file=sys.stderr)
    return {"messages": messages, **out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["rate", "memory", "zip", "profile", "floor", "_index"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--mbox-mb", type=int, default=200)
    parser.add_argument("--zip-mb", type=int, default=500)
    parser.add_argument("--work", type=Path)
    opts = parser.parse_args()
    if opts.what == "_index":  # MBOX DATA [MODEL [PART LEFT OUT]]
        if opts.args[3:] and opts.args[3] in LEAVE_OUT:
            leave_out(opts.args[3])
        print(json.dumps(index(Path(opts.args[0]), Path(opts.args[1]), *opts.args[2:3])))
        return
    jsonl = Path(opts.args[0]) if opts.args else ROOT.parent / "shared" / "data" / "wiki-vital-summaries.jsonl"
    work = opts.work or Path(tempfile.mkdtemp(prefix="sleuth-mbox-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if opts.what == "rate":
            out = rate(jsonl, opts.messages, work)
        elif opts.what == "floor":
            out = floor(jsonl, opts.messages, work)
        elif opts.what == "profile":
            out = profile(jsonl, opts.messages, work)
        elif opts.what == "memory":
            out = memory(opts.mbox_mb, work, jsonl)
        else:
            out = zip_of_documents(opts.zip_mb, work, jsonl)
        print(json.dumps(out, indent=1))
    finally:
        if not opts.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
