"""The connection to an OpenSearch cluster, and its failures as `SleuthError`s that name the fix."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ...errors import ClusterUnavailable, IndexBusy, QueryError, SettingsError

try:
    import opensearchpy
    from opensearchpy import OpenSearch, helpers  # noqa: F401 (helpers: the bulk and scan helpers)
except ImportError:  # pragma: no cover - the optional extra is missing
    raise SettingsError("SLEUTH_BACKEND=opensearch needs the OpenSearch client: pip install 'sleuth[opensearch]' "
                        "(or opensearch-py).") from None
from ...settings import Settings

MIN_VERSION = (2, 11)  # the analysis, highlighting and bulk features used here; tested on 2.19


def connect(settings: Settings, timeout: float) -> OpenSearch:
    """A client over every node of SLEUTH_OPENSEARCH_URL (it retries another node when one is down)."""
    urls = [u.strip() for u in settings.opensearch_url.split(",") if u.strip()]
    if not urls:
        raise SettingsError("SLEUTH_BACKEND=opensearch needs SLEUTH_OPENSEARCH_URL: the cluster's nodes, e.g. "
                            "SLEUTH_OPENSEARCH_URL=http://127.0.0.1:9200 (comma-separated for several).")
    bad = [u for u in urls if not u.startswith(("http://", "https://"))]
    if bad:
        raise SettingsError(f"SLEUTH_OPENSEARCH_URL={bad[0]!r} is not a node's URL; write it as "
                            "http://HOST:PORT or https://HOST:PORT.")
    options: dict = {"timeout": timeout, "max_retries": 2, "retry_on_timeout": True,
                     "retry_on_status": (502, 503, 504)}
    if settings.opensearch_user:
        options["http_auth"] = (settings.opensearch_user, settings.opensearch_password)
    if settings.opensearch_ca_certs:
        options.update(ca_certs=settings.opensearch_ca_certs, verify_certs=True)
    return OpenSearch(urls, **options)


def check_version(client: OpenSearch, where: str) -> None:
    """Refuse a cluster too old for this backend (and anything that is not OpenSearch)."""
    with answers(where):
        info = client.info()
    number = str(info.get("version", {}).get("number", "0"))
    found = tuple(int(p) for p in number.split(".")[:2] if p.isdigit())
    if info.get("version", {}).get("distribution") != "opensearch" or found < MIN_VERSION:
        raise ClusterUnavailable(f"The cluster at {where} runs {info.get('version', {}).get('distribution', '?')} "
                                 f"{number}; Sleuth needs OpenSearch {'.'.join(map(str, MIN_VERSION))} or newer "
                                 "(2.19 is tested). Upgrade it or point SLEUTH_OPENSEARCH_URL at another cluster.")


@contextmanager
def answers(where: str) -> Iterator[None]:
    """Turn the client's transport and server errors into messages a user can act on."""
    try:
        yield
    except opensearchpy.ConnectionTimeout:
        raise ClusterUnavailable(f"The OpenSearch cluster at {where} did not answer in time; check that it is "
                                 "running and not overloaded, then try again.") from None
    except opensearchpy.ConnectionError:
        raise ClusterUnavailable(f"The OpenSearch cluster at {where} cannot be reached; start it, or fix "
                                 "SLEUTH_OPENSEARCH_URL.") from None
    except opensearchpy.AuthenticationException:
        raise ClusterUnavailable(f"The OpenSearch cluster at {where} refused the credentials; set "
                                 "SLEUTH_OPENSEARCH_USER and SLEUTH_OPENSEARCH_PASSWORD.") from None
    except opensearchpy.AuthorizationException as exc:
        raise ClusterUnavailable(f"The OpenSearch user may not do this at {where} ({_reason(exc)}); give it "
                                 "read and write rights on Sleuth's index.") from None
    except opensearchpy.ConflictError:
        raise IndexBusy("Another process changed the same passages at the same moment; try again.") from None
    except opensearchpy.RequestError as exc:
        if "pars" in _reason(exc) or "query_shard" in _reason(exc):
            raise QueryError(f"The query could not be read ({_reason(exc)}); check its quotes, brackets and "
                             "operators, or search the words without them.") from None
        raise ClusterUnavailable(f"OpenSearch at {where} refused the request: {_reason(exc)}.") from None
    except opensearchpy.TransportError as exc:
        if exc.status_code in (503, 429) or "no_shard_available" in _reason(exc):
            raise ClusterUnavailable(f"The OpenSearch index at {where} is not available ({_reason(exc)}): some of "
                                     "its shards have no live copy (a red index). Bring the missing nodes back, "
                                     "or restore the index from a snapshot.") from None
        raise ClusterUnavailable(f"OpenSearch at {where} answered {exc.status_code}: {_reason(exc)}.") from None


def _reason(exc: opensearchpy.TransportError) -> str:
    info = exc.info if isinstance(exc.info, dict) else {}
    error = info.get("error")
    if isinstance(error, dict):
        cause = (error.get("root_cause") or [error])[0]
        return f"{cause.get('type', '')}: {cause.get('reason', '')}".strip(": ")
    return str(error or exc.error)
