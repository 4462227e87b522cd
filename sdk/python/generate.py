"""Regenerate incident_ledger_client from openapi/schema.yaml (``make sdk``), or with
``--check`` say whether the committed copy is what a fresh generation makes.

The generated package is never edited by hand: a change to the document is followed by
``make sdk`` and the diff is committed with it. The generator writes no ``py.typed`` with
``--meta none``; this script adds it, so that mypy reads the installed package's types.
"""

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA = HERE.parents[1] / "openapi" / "schema.yaml"
PACKAGE = "incident_ledger_client"
COMMITTED = HERE / PACKAGE


def generate(into: Path) -> subprocess.CompletedProcess[str]:
    """Generate the package as ``into/incident_ledger_client``; the generator's output is
    returned (check ``returncode``)."""
    env = dict(os.environ)
    # The post hooks run ruff, installed next to this Python.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(SCHEMA),
        "--config",
        str(HERE / "generator.yaml"),
        "--output-path",
        str(into / PACKAGE),
        "--meta",
        "none",
        "--fail-on-warning",
    ]
    result = subprocess.run(command, cwd=into, env=env, capture_output=True, text=True)
    if result.returncode == 0:
        (into / PACKAGE / "py.typed").touch()
    return result


def differences(left: Path, right: Path) -> list[str]:
    """The files that differ between two trees, or are in only one, relative to them."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        names = compared.left_only + compared.right_only + compared.diff_files
        names += compared.funny_files
        found.extend(prefix + name for name in names if name != "__pycache__")
        for name, sub in compared.subdirs.items():
            if name != "__pycache__":
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return sorted(found)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as temporary:
        result = generate(Path(temporary))
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return result.returncode
        fresh = Path(temporary) / PACKAGE
        if argv[1:] == ["--check"]:
            changed = differences(fresh, COMMITTED)
            for name in changed:
                print(f"{PACKAGE}/{name} differs from a fresh generation", file=sys.stderr)
            if changed:
                print("Run `make sdk` and commit the result.", file=sys.stderr)
            return 1 if changed else 0
        shutil.rmtree(COMMITTED, ignore_errors=True)
        shutil.copytree(fresh, COMMITTED)
    print(f"wrote {COMMITTED.relative_to(HERE.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
