"""A rebuild into a fresh OpenSearch index, put in the live index's place only when it finished: the live index is
searched meanwhile, other processes' writers wait on the data folder's lock, and a failed rebuild leaves it whole."""
from __future__ import annotations

import copy
import threading
from contextlib import contextmanager
from typing import Iterator

from .. import OnWait
from .client import answers, helpers
from .lock import FileLock
from .mapping import index_body

SWAP_TIMEOUT = 600  # seconds one bulk request of the copy into the live index may take
COPY_CHUNK = 1000  # passages a scroll page and a bulk request of that copy hold


@contextmanager
def rebuilt(backend, on_wait: OnWait = None) -> Iterator:
    """A backend writing into `<index>-rebuild`; when the block ends without error, its passages become the live
    index's (the live index is recreated and filled from it, then the rebuild index dropped)."""
    client, live = backend.client, backend.index
    temp = f"{live}-rebuild"
    with backend.lock.held(on_wait):
        with answers(backend.where):
            client.indices.delete(index=temp, ignore=404)
        fresh = copy.copy(backend)
        fresh.index, fresh._ready, fresh._ready_lock = temp, False, threading.Lock()
        fresh.lock = FileLock(backend.lock.path.with_name("opensearch-rebuild.lock"), backend.lock.timeout)
        try:
            yield fresh
            fresh._ensure()  # a rebuild of nothing still makes an (empty) index
        except BaseException:
            with answers(backend.where):
                client.indices.delete(index=temp, ignore=404)
            raise
        with answers(backend.where):
            client.indices.refresh(index=temp)
            client.indices.delete(index=live, ignore=404)
            client.indices.create(index=live, body=index_body(backend.shards), params={"wait_for_active_shards": "1"})
            # Copied by scroll and bulk requests (the reindex module is not in every distribution).
            moves = ({"_op_type": "index", "_index": live, "_id": h["_id"], "_source": h["_source"]}
                     for h in helpers.scan(client, index=temp, size=COPY_CHUNK, preserve_order=False))
            helpers.bulk(client, moves, chunk_size=COPY_CHUNK, request_timeout=SWAP_TIMEOUT)
            client.indices.refresh(index=live)
            client.indices.delete(index=temp, ignore=404)
        backend._ready = False
