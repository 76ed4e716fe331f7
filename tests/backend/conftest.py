"""A real OpenSearch node for the contract suite: started once per session from Maven Central (never a mock).

Without Java or Maven (or when the node cannot start) the OpenSearch tests skip with the reason on a laptop, and
fail under CI=true, where `.ci/run` has installed what they need.
"""
from __future__ import annotations

import os

import pytest

from .opensearch_node import Unavailable, start_node


def _unavailable(reason: str) -> None:
    message = f"OpenSearch node not started: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def opensearch_url():
    """The URL of a single-node cluster on loopback, also set as SLEUTH_OPENSEARCH_URL for the session."""
    try:
        node = start_node()
    except Unavailable as exc:
        _unavailable(str(exc))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SLEUTH_OPENSEARCH_URL", node.url)
        yield node.url
    node.stop()

