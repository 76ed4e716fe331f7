"""A Dask cluster on loopback for the NER-cluster tests, started as a user would start one: `dask scheduler`, then
`dask worker tcp://…` processes (each its own interpreter, as on other machines)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

DASK = Path(sys.executable).with_name("dask")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalCluster:
    """A scheduler and its workers as subprocesses; `stop()` ends the ones still running."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.workers: dict[str, subprocess.Popen] = {}
        self.scheduler = self._spawn("scheduler", ["scheduler", "--host", "127.0.0.1",
                                                   "--port", self.address.rsplit(":", 1)[1], "--no-dashboard"])

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLEUTH_")}
        log = (self.log_dir / f"{name}.log").open("wb")
        return subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT, env=env)

    def add_worker(self, name: str) -> subprocess.Popen:
        """One worker process (no nanny: killing it kills the worker, nothing restarts it)."""
        self.workers[name] = self._spawn(name, ["worker", self.address, "--host", "127.0.0.1", "--name", name,
                                                "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                                "--local-directory", str(self.log_dir)])
        return self.workers[name]

    def kill(self, name: str) -> None:
        """SIGKILL, as a machine that loses power."""
        os.kill(self.workers[name].pid, signal.SIGKILL)
        self.workers[name].wait()

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        for proc in [*self.workers.values(), self.scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers.values(), self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def wait_for_workers(client, n: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while len(client.scheduler_info(n_workers=-1)["workers"]) != n:
        assert time.monotonic() < deadline, f"{n} Dask workers did not connect"
        time.sleep(0.2)
