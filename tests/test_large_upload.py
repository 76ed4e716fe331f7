"""Issue 28 item 15: a large JSONL upload commits batch by batch and lets other writers in between its commits, so a
delete (or another upload) made meanwhile is done in a moment, not after the whole upload."""
from __future__ import annotations

import io
import json
import threading
import time

from web import create_app


def _jsonl(n: int) -> bytes:
    lines = [json.dumps({"id": f"rec{i}", "title": f"Record {i}",
                         "text": f"Record {i} tells of shale{i} and the old quarry. " * 20}) for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def test_a_delete_during_a_large_upload_does_not_wait_for_all_of_it(seeded_copy, light_model):
    app = create_app(seeded_copy(secret_key="t", model=light_model, commit_every=100))
    client = app.test_client()
    done: dict[str, float] = {}

    def upload():
        r = app.test_client().post("/api/documents", data={"file": [(io.BytesIO(_jsonl(3000)), "big.jsonl")]},
                                   content_type="multipart/form-data")
        done["upload"] = time.monotonic()
        done["status"] = r.status_code

    worker = threading.Thread(target=upload)
    worker.start()
    deadline = time.monotonic() + 120
    while client.get("/api/search?q=shale0").get_json()["total"] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)  # the first batch is committed: the upload is under way
    assert "upload" not in done, "the upload ended before its first batch could be seen"
    began = time.monotonic()
    assert client.delete("/api/documents/002_e41d2cd84ffb8d9f.txt").status_code == 204
    done["delete"] = time.monotonic()
    worker.join(180)
    assert done["status"] == 201
    assert done["delete"] < done["upload"], (done["delete"] - began, done["upload"] - began)
    assert client.get("/api/search?q=shale2999").get_json()["total"] == 1
