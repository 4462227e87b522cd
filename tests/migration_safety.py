"""Zero-downtime migrations, checked (docs/zero-downtime-migrations.md): during a rolling
upgrade the previous release runs against the new schema, so a migration it has not seen
must keep everything that release reads and writes.

"The previous release" is concrete: its migrations are the ones listed in
deploy/released-migrations.txt (every migration of this repository's apps at that release;
``python -m tests.migration_safety --release`` rewrites the list when a release is cut). Any
other migration, an unreleased one, may not, unless its Migration class says
``contract = True`` (a contract step, shipped only once no running release reads what it
removes):

- drop or rename a column or a table: RemoveField, RenameField, DeleteModel, RenameModel,
  AlterModelTable, or RunSQL whose forward SQL drops a table, column, view or function or
  renames anything;
- narrow a column the previous release writes: AlterField to another type, to NOT NULL, or to
  a shorter max_length;
- add a NOT NULL column without a database default (``db_default``): the previous release's
  INSERTs do not name it, and fail.

Operations on a model created earlier in the same migration are left alone: no release has
read it. RunPython is not analysed. ``python -m tests.migration_safety`` prints what is wrong
and exits 1; tests/test_migration_safety.py runs the same check.
"""

import re
import sys
from pathlib import Path

from django.db import models
from django.db.migrations import operations
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[1]
RELEASED = ROOT / "deploy" / "released-migrations.txt"
HEADER = (
    "# Migrations of the last release, one `app name` a line (tests/migration_safety.py).\n"
    "# Rewritten when a release is cut: python -m tests.migration_safety --release\n"
)
# Forward SQL that takes away what a running release may read.
DESTRUCTIVE_SQL = re.compile(
    r"\bDROP\s+(TABLE|COLUMN|VIEW|MATERIALIZED\s+VIEW|FUNCTION|TYPE)\b"
    r"|\bALTER\s+TABLE\s+(IF\s+EXISTS\s+)?(ONLY\s+)?\S+\s+DROP\s+(?!CONSTRAINT\b|DEFAULT\b|NOT\b"
    r"|EXPRESSION\b|IDENTITY\b)"
    r"|\bRENAME\b",
    re.IGNORECASE,
)
REMOVALS = {
    operations.RemoveField: "drops a column the previous release reads",
    operations.RenameField: "renames a column the previous release reads",
    operations.DeleteModel: "drops a table the previous release reads",
    operations.RenameModel: "renames a table the previous release reads",
    operations.AlterModelTable: "renames a table the previous release reads",
}


def released(path: Path = RELEASED) -> set[tuple[str, str]]:
    lines = path.read_text().splitlines() if path.exists() else []
    return {tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")}


def own_apps(loader: MigrationLoader) -> set[str]:
    """This repository's apps: those whose migrations are in the checkout, not installed."""
    apps = set()
    for app_label in {app_label for app_label, _ in loader.disk_migrations}:
        module = sys.modules[loader.migrations_module(app_label)[0]]
        location = Path(module.__file__).resolve()
        if location.is_relative_to(ROOT) and "site-packages" not in location.parts:
            apps.add(app_label)
    return apps


def _narrows(old: models.Field, new: models.Field) -> str | None:
    if old.get_internal_type() != new.get_internal_type():
        return (
            f"changes the type of a column the previous release writes "
            f"({old.get_internal_type()} to {new.get_internal_type()})"
        )
    if old.null and not new.null:
        return "makes NOT NULL a column the previous release may leave empty"
    if old.max_length and new.max_length and new.max_length < old.max_length:
        return (
            f"shortens a column the previous release writes ({old.max_length} to {new.max_length})"
        )
    return None


def operation_problem(operation, app_label: str, state, created: set[str]) -> str | None:
    """What ``operation``, applied to ``state``, takes away from the previous release."""
    model = getattr(operation, "model_name", None) or getattr(operation, "name_lower", None)
    if model in created:
        return None
    for kind, problem in REMOVALS.items():
        if isinstance(operation, kind):
            return problem
    if isinstance(operation, operations.RunSQL):
        sql = operation.sql if isinstance(operation.sql, str) else " ".join(map(str, operation.sql))
        match = DESTRUCTIVE_SQL.search(sql)
        return (
            f"its SQL may take away what the previous release uses ({match[0]!r})"
            if match
            else None
        )
    if isinstance(operation, operations.AlterField):
        old = state.models[app_label, operation.model_name_lower].fields[operation.name]
        return _narrows(old, operation.field)
    if isinstance(operation, operations.AddField):
        field = operation.field
        if field.many_to_many or field.generated or field.null:
            return None
        if field.db_default is not models.NOT_PROVIDED:
            return None
        return (
            "adds a NOT NULL column with no db_default, which the previous release's INSERTs "
            "omit (give it db_default, or null=True)"
        )
    return None


def problems(apps: set[str] | None = None, release: set | None = None) -> list[str]:
    """What each unreleased migration of ``apps`` (this repository's) takes away."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    apps = own_apps(loader) if apps is None else apps
    release = released() if release is None else release
    found = []
    for key, migration in sorted(loader.disk_migrations.items()):
        app_label = key[0]
        if app_label not in apps or key in release or getattr(migration, "contract", False):
            continue
        state = loader.project_state(key, at_end=False)
        created: set[str] = set()
        for operation in migration.operations:
            problem = operation_problem(operation, app_label, state, created)
            if problem:
                found.append(
                    f"{app_label}/migrations/{key[1]}.py: {operation.describe()}: {problem}. "
                    "Expand instead, or make this a contract step of a later release "
                    "(contract = True on the Migration): docs/zero-downtime-migrations.md"
                )
            if isinstance(operation, operations.CreateModel):
                created.add(operation.name_lower)
            operation.state_forwards(app_label, state)
    return found


def write_release() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    apps = own_apps(loader)
    lines = sorted(f"{app} {name}" for app, name in loader.disk_migrations if app in apps)
    RELEASED.write_text(HEADER + "\n".join(lines) + "\n")


def main() -> int:
    import django

    django.setup()
    if "--release" in sys.argv[1:]:
        write_release()
        print(f"{RELEASED.relative_to(ROOT)}: every migration of this checkout is released")
        return 0
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.exit(main())
