"""A real OpenSearch 2.19 node (or a few) on loopback, from Maven Central, run with the machine's Java 17.

The `integ-test-zip` distribution is fetched by Maven into its local repository, unpacked once into a cache
folder outside the checkout, and given the `analysis-common` module (asciifolding and stemmer filters), which
that zip leaves out. Each node runs from a temporary folder (data, logs, its own config with a small heap) on
free loopback ports, with security off, and is deleted when stopped.

    python tests/backend/opensearch_node.py            # start one node, print its URL, stop on Ctrl-C
    python tests/backend/opensearch_node.py --check    # start, report start time and memory, stop
    python tests/backend/opensearch_node.py --nodes 3  # a three-node cluster

As root, OpenSearch refuses to run, so the nodes run as `nobody` (and the cache is a folder it can read).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

VERSION = os.environ.get("SLEUTH_OPENSEARCH_VERSION", "2.19.6")
DISTRIBUTION = "org.opensearch.distribution.integ-test-zip:opensearch:{v}:zip"
ANALYSIS_COMMON = "org.opensearch.plugin:analysis-common:{v}"
HEAP = "512m"
START_TIMEOUT = 180.0


class Unavailable(RuntimeError):
    """Java or Maven is missing, or the artifacts cannot be fetched: the reason, naming the fix."""


def missing_tools() -> str | None:
    """Why a node cannot be started here (no Java 17+, no Maven), or None."""
    if not shutil.which("java"):
        return "no `java` on PATH: install Java 17 (apt-get install default-jdk-headless)"
    if not shutil.which("mvn"):
        return "no `mvn` on PATH: install Maven (apt-get install maven)"
    return None


def java_home() -> str:
    """JAVA_HOME, else the JDK of the `java` on PATH (the zip bundles no JDK)."""
    return os.environ.get("JAVA_HOME") or str(Path(os.path.realpath(shutil.which("java") or "java")).parent.parent)


def _run_as_nobody() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def cache_dir() -> Path:
    """Where the distribution is unpacked: outside the checkout, readable by the user the nodes run as."""
    if os.environ.get("SLEUTH_OPENSEARCH_CACHE"):
        return Path(os.environ["SLEUTH_OPENSEARCH_CACHE"])
    if _run_as_nobody():
        return Path("/var/cache/sleuth-opensearch")  # root's home is closed to `nobody`
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sleuth-opensearch"


def _m2_file(coordinates: str) -> Path:
    """Resolve an artifact into Maven's local repository and return its path there."""
    group, artifact, version, *packaging = coordinates.split(":")
    ext = packaging[0] if packaging else "jar"
    repo = Path(os.environ.get("SLEUTH_M2_REPO") or Path.home() / ".m2" / "repository")
    path = repo / group.replace(".", "/") / artifact / version / f"{artifact}-{version}.{ext}"
    if not path.exists():
        done = subprocess.run(["mvn", "-q", "-B", "dependency:get", "-Dtransitive=false", f"-Dartifact={coordinates}",
                               f"-Dmaven.repo.local={repo}"], capture_output=True, text=True)
        if done.returncode or not path.exists():
            raise Unavailable(f"Maven could not fetch {coordinates} (is Maven Central reachable?): "
                              f"{(done.stdout + done.stderr).strip()[-500:]}")
    return path


def install(version: str = VERSION) -> Path:
    """The unpacked distribution with analysis-common as a module (fetched and unpacked once)."""
    reason = missing_tools()
    if reason:
        raise Unavailable(reason)
    home = cache_dir() / f"opensearch-{version}"
    if (home / "modules" / "analysis-common" / "plugin-descriptor.properties").exists():
        return home
    archive = _m2_file(DISTRIBUTION.format(v=version))
    jar = _m2_file(ANALYSIS_COMMON.format(v=version))
    cache_dir().mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="unpack-", dir=cache_dir()))
    with zipfile.ZipFile(archive) as z:
        z.extractall(staging)
    unpacked = staging / f"opensearch-{version}"
    for script in (unpacked / "bin").iterdir():
        script.chmod(0o755)  # zipfile drops the mode bits
    target = unpacked / "modules" / "analysis-common"
    target.mkdir()
    shutil.copy(jar, target / jar.name)
    # The jar on Maven Central has no descriptor (the build adds it); painless is not installed, so the
    # module extends nothing (its painless extension is then simply not loaded).
    (target / "plugin-descriptor.properties").write_text(
        f'description=Adds "built in" analyzers to OpenSearch.\nversion={version}\nname=analysis-common\n'
        "classname=org.opensearch.analysis.common.CommonAnalysisPlugin\n"
        f"java.version=11\nopensearch.version={version}\ncustom.foldername=\nextended.plugins=\n"
        "has.native.controller=false\n")
    shutil.rmtree(home, ignore_errors=True)
    unpacked.rename(home)
    shutil.rmtree(staging, ignore_errors=True)
    for path in [cache_dir(), *cache_dir().rglob("*")]:
        path.chmod(path.stat().st_mode | 0o444 | (0o111 if path.is_dir() else 0))
    return home


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


JVM_OPTIONS = """-Xms{heap}
-Xmx{heap}
-XX:+UseG1GC
-Djava.io.tmpdir=${{OPENSEARCH_TMPDIR}}
-XX:ErrorFile={logs}/hs_err_pid%p.log
-Xlog:disable
18-:-Djava.security.manager=allow
-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory
"""


class Node:
    """One OpenSearch process on loopback with its own temporary folder."""

    def __init__(self, home: Path, name: str = "node-0", cluster: str = "sleuth-test", http_port: int = 0,
                 transport_port: int = 0, seeds: list[int] | None = None, masters: list[str] | None = None,
                 heap: str = HEAP) -> None:
        self.home, self.name, self.cluster, self.heap = home, name, cluster, heap
        self.http_port = http_port or free_port()
        self.transport_port = transport_port or free_port()
        self.seeds, self.masters = seeds, masters
        self.dir = Path(tempfile.mkdtemp(prefix=f"sleuth-opensearch-{name}-"))
        self.proc: subprocess.Popen | None = None
        self.started = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self) -> "Node":
        config = self.dir / "config"
        if not config.exists():
            shutil.copytree(self.home / "config", config)
            for sub in ("data", "logs"):
                (self.dir / sub).mkdir()
            (config / "jvm.options").write_text(JVM_OPTIONS.format(heap=self.heap, logs=self.dir / "logs"))
        settings = {"cluster.name": self.cluster, "node.name": self.name, "network.host": "127.0.0.1",
                    "http.port": self.http_port, "transport.port": self.transport_port,
                    "path.data": self.dir / "data", "path.logs": self.dir / "logs",
                    "action.destructive_requires_name": "false"}
        if self.seeds is None:
            settings["discovery.type"] = "single-node"
        else:
            settings["discovery.seed_hosts"] = ",".join(f"127.0.0.1:{p}" for p in self.seeds)
            if self.masters:
                settings["cluster.initial_cluster_manager_nodes"] = ",".join(self.masters)
        args = [str(self.home / "bin" / "opensearch")]
        for key, value in settings.items():
            args += ["-E", f"{key}={value}"]
        env = {**os.environ, "OPENSEARCH_PATH_CONF": str(config), "OPENSEARCH_JAVA_HOME": java_home()}
        env.pop("OPENSEARCH_JAVA_OPTS", None)
        user = {}
        if _run_as_nobody():
            subprocess.run(["chown", "-R", "nobody:nogroup", str(self.dir)], check=True)
            self.dir.chmod(0o755)
            user = {"user": "nobody", "group": "nogroup", "extra_groups": []}
        self.started = time.monotonic()
        self.proc = subprocess.Popen(args, cwd=self.dir, env=env, stdout=open(self.dir / "console.log", "ab"),
                                     stderr=subprocess.STDOUT, start_new_session=True, **user)
        return self

    def health(self, wait_for: str = "yellow", timeout: str = "1s") -> dict | None:
        try:
            with urllib.request.urlopen(f"{self.url}/_cluster/health?wait_for_status={wait_for}&timeout={timeout}",
                                        timeout=5) as r:
                return json.load(r)
        except OSError:
            return None

    def wait(self, wait_for: str = "yellow", timeout: float = START_TIMEOUT) -> float:
        """Seconds from start until the cluster answers with `wait_for` or better; raises if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc and self.proc.poll() is not None:
                raise Unavailable(f"OpenSearch {self.name} exited ({self.proc.returncode}): {self.log_tail()}")
            health = self.health(wait_for)
            if health and not health.get("timed_out"):
                return time.monotonic() - self.started
            time.sleep(0.3)
        raise Unavailable(f"OpenSearch {self.name} not {wait_for} after {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self, chars: int = 1500) -> str:
        try:
            return (self.dir / "console.log").read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def rss_mb(self) -> float:
        """Resident memory of the node's JVM (the launcher's child, or the process itself)."""
        if not self.proc:
            return 0.0
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def kill(self) -> None:
        """kill -9: the node dies without closing anything (its folder stays, for a restart)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        """Stop the node and delete its folder."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def start_node(heap: str = HEAP) -> Node:
    """One single-node cluster, green or yellow; stop it with `node.stop()`."""
    node = Node(install(), heap=heap).start()
    try:
        node.wait()
    except BaseException:
        node.stop()
        raise
    return node


def start_cluster(n: int = 3, heap: str = HEAP) -> list[Node]:
    """`n` nodes on loopback that find each other by their transport ports; all master-eligible."""
    home = install()
    names = [f"node-{i}" for i in range(n)]
    ports = [free_port() for _ in names]
    nodes = [Node(home, name, transport_port=port, seeds=ports, masters=names, heap=heap) for name, port in
             zip(names, ports)]
    for node in nodes:
        node.start()
    try:
        for node in nodes:
            node.wait()
        deadline = time.monotonic() + START_TIMEOUT
        while (nodes[0].health() or {}).get("number_of_nodes") != n:
            if time.monotonic() > deadline:
                raise Unavailable(f"the {n} nodes did not form one cluster: {nodes[0].log_tail()}")
            time.sleep(0.3)
    except BaseException:
        for node in nodes:
            node.stop()
        raise
    return nodes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=1)
    parser.add_argument("--check", action="store_true", help="start, report start time and memory, stop")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill PID` stops the nodes too
    began = time.monotonic()
    install()
    fetched = time.monotonic() - began
    nodes = [start_node()] if args.nodes == 1 else start_cluster(args.nodes)
    up = max(n.wait() for n in nodes)
    urls = ",".join(n.url for n in nodes)
    print(f"OpenSearch {VERSION}: {len(nodes)} node(s) up in {up:.1f} s (fetch/unpack {fetched:.1f} s), "
          f"RSS {', '.join(f'{n.rss_mb():.0f}' for n in nodes)} MB (heap {HEAP})")
    print(f"SLEUTH_BACKEND=opensearch SLEUTH_OPENSEARCH_URL={urls}", flush=True)
    try:
        while not args.check:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        for n in nodes:
            n.stop()


if __name__ == "__main__":
    main()
