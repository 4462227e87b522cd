"""A real PostgreSQL primary and its streaming replica (`pg_basebackup -R`), made from scratch
in a temporary directory with the machine's PostgreSQL server binaries, for the tests that
stop, restart and pause a replica.

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """The pair in ``root``: ``primary/`` and ``replica/`` data directories."""

    def __init__(self, root: Path, bin_dir: Path, ports: dict[str, int]):
        self.root, self.bin_dir, self.ports = root, bin_dir, ports

    @classmethod
    def create(cls) -> "Cluster":
        bin_dir = server_binaries()
        if bin_dir is None:
            raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_basebackup)")
        root = Path(tempfile.mkdtemp(prefix="ledger-replica-"))
        cluster = cls(root, bin_dir, {"primary": _free_port(), "replica": _free_port()})
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(root, user.pw_uid, user.pw_gid)
        (root / STATE_FILE).write_text(
            json.dumps({"bin_dir": str(bin_dir), "ports": cluster.ports})
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
        # -R writes the standby's primary_conninfo; a fast checkpoint, not a spread one (minutes)
        self._run(
            "pg_basebackup",
            *primary,
            "-D",
            self.data("replica"),
            "-R",
            "--no-sync",
            "--checkpoint=fast",
        )
        self.start("replica")

    @classmethod
    def attach(cls, root: str | Path) -> "Cluster":
        """The cluster another process created in ``root``."""
        state = json.loads((Path(root) / STATE_FILE).read_text())
        return cls(Path(root), Path(state["bin_dir"]), state["ports"])

    def data(self, name: str) -> str:
        return str(self.root / name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[name]}/{DATABASE}"

    def start(self, name: str) -> None:
        options = f"-p {self.ports[name]} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
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

    def stop(self, name: str) -> None:
        self._run("pg_ctl", "-D", self.data(name), "-m", "immediate", "-w", "stop")

    def destroy(self) -> None:
        for name in ("replica", "primary"):
            if Path(self.data(name), "postmaster.pid").exists():
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
