"""A real PostgreSQL primary and its streaming replica (`pg_basebackup -R`), made from scratch
in a temporary directory with the machine's PostgreSQL server binaries, for the tests that
stop, restart and pause a replica; and, with more replicas in a directory of its own, the
database of deploy/local-cluster.

The servers listen on 127.0.0.1 on free ports and on a socket in the directory, with trust
authentication and no fsync: a throwaway pair that starts in a few seconds. PostgreSQL refuses
to run as root, so as root the server commands run as the `postgres` user.
"""

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

STATE_FILE = "cluster.json"
DATABASE = "ledger"


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory that has what a replica needs."""
    found = [
        Path(path).parent
        for path in glob.glob("/usr/lib/postgresql/*/bin/initdb")
        if all(Path(path).with_name(tool).exists() for tool in ("pg_ctl", "pg_basebackup"))
    ]
    if not found:
        initdb = shutil.which("initdb")
        return Path(initdb).parent if initdb and shutil.which("pg_basebackup") else None
    return max(
        found, key=lambda bin_dir: [int(n) for n in bin_dir.parent.name.split(".") if n.isdigit()]
    )


def unavailable() -> str | None:
    """Why no cluster can be made here, or None."""
    if server_binaries() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and no postgres user to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root, and no runuser to run PostgreSQL as postgres"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def replica_name(number: int) -> str:
    return "replica" if number == 1 else f"replica{number}"


class Cluster:
    """The servers in ``root``: ``primary/``, ``replica/`` (``replica2/``...) data directories."""

    def __init__(
        self,
        root: Path,
        bin_dir: Path,
        ports: dict[str, int],
        settings: dict[str, str] | None = None,
    ):
        self.root, self.bin_dir, self.ports = root, bin_dir, ports
        self.settings = settings or {}

    @property
    def replicas(self) -> list[str]:
        return [name for name in self.ports if name != "primary"]

    @classmethod
    def create(
        cls, root: Path | None = None, replicas: int = 1, settings: dict[str, str] | None = None
    ) -> "Cluster":
        """A primary and ``replicas`` replicas (``replica``, ``replica2``...), in ``root`` (an
        empty directory; by default a new temporary one), each server started with the
        PostgreSQL ``settings`` given."""
        bin_dir = server_binaries()
        if bin_dir is None:
            raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_basebackup)")
        root = Path(root or tempfile.mkdtemp(prefix="ledger-replica-"))
        root.mkdir(parents=True, exist_ok=True)
        names = ["primary", *(replica_name(n) for n in range(1, replicas + 1))]
        cluster = cls(root, bin_dir, {name: free_port() for name in names}, settings)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(root, user.pw_uid, user.pw_gid)
        (root / STATE_FILE).write_text(
            json.dumps({"bin_dir": str(bin_dir), "ports": cluster.ports, "settings": settings})
        )
        try:
            cluster._make()
        except BaseException:
            cluster.destroy()
            raise
        return cluster

    def _make(self) -> None:
        self._run(
            "initdb",
            "-D",
            self.data("primary"),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--no-instructions",
            "-E",
            "UTF8",
        )
        self.start("primary")
        primary = ("-h", "127.0.0.1", "-p", str(self.ports["primary"]), "-U", "postgres")
        self._run("createdb", *primary, DATABASE)
        for name in self.replicas:
            # -R writes the standby's primary_conninfo; a fast checkpoint, not a spread one
            self._run(
                "pg_basebackup",
                *primary,
                "-D",
                self.data(name),
                "-R",
                "--no-sync",
                "--checkpoint=fast",
            )
            self.start(name)

    @classmethod
    def attach(cls, root: str | Path) -> "Cluster":
        """The cluster another process created in ``root``."""
        state = json.loads((Path(root) / STATE_FILE).read_text())
        return cls(Path(root), Path(state["bin_dir"]), state["ports"], state.get("settings"))

    def data(self, name: str) -> str:
        return str(self.root / name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[name]}/{DATABASE}"

    def start(self, name: str) -> None:
        options = f"-p {self.ports[name]} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        options += "".join(f" -c {key}={value}" for key, value in self.settings.items())
        self._run(
            "pg_ctl",
            "-D",
            self.data(name),
            "-l",
            self.data(name) + ".log",
            "-w",
            "-t",
            "30",
            "-o",
            options,
            "start",
        )

    def stop(self, name: str, mode: str = "immediate") -> None:
        self._run("pg_ctl", "-D", self.data(name), "-m", mode, "-w", "stop")

    def running(self, name: str) -> bool:
        return Path(self.data(name), "postmaster.pid").exists()

    def destroy(self) -> None:
        for name in [*self.replicas, "primary"]:
            if self.running(name):
                self._run(
                    "pg_ctl", "-D", self.data(name), "-m", "immediate", "-w", "stop", check=False
                )
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        command = [str(self.bin_dir / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(
            command, check=check, capture_output=True, text=True, timeout=60, cwd=self.root
        )
