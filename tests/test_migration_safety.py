"""tests/migration_safety.py: the repository's unreleased migrations keep what the previous
release uses, and a sample app's migrations show what fails the check and what passes."""

import uuid

import pytest

from tests.migration_safety import problems

INITIAL = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            "thing",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=100)),
                ("note", models.CharField(max_length=100, null=True)),
            ],
        ),
    ]
"""
CHANGE = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("{app}", "0001_initial")]
    operations = [{operation}]
"""


@pytest.fixture
def sample_app(tmp_path, settings, monkeypatch):
    """Write an app whose 0001 is released and whose 0002 is ``operation``; its problems."""
    app = f"sample_{uuid.uuid4().hex[:8]}"
    migrations = tmp_path / app / "migrations"
    migrations.mkdir(parents=True)
    (tmp_path / app / "__init__.py").write_text("")
    (migrations / "__init__.py").write_text("")
    (migrations / "0001_initial.py").write_text(INITIAL)
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, app]

    def check(operation: str, *, contract=False, released=("0001_initial",)) -> list[str]:
        text = CHANGE.format(app=app, operation=operation.format(app=app))
        if contract:
            text = text.replace("    operations =", "    contract = True\n    operations =")
        (migrations / "0002_change.py").write_text(text)
        return problems(apps={app}, release={(app, name) for name in released})

    return check


def test_the_repositorys_migrations_keep_what_the_previous_release_uses():
    assert problems() == []


@pytest.mark.parametrize(
    ("operation", "problem"),
    [
        ('migrations.RemoveField("thing", "note")', "drops a column"),
        ('migrations.RenameField("thing", "note", "remark")', "renames a column"),
        ('migrations.DeleteModel("thing")', "drops a table"),
        ('migrations.RenameModel("thing", "item")', "renames a table"),
        ('migrations.RunSQL("ALTER TABLE {app}_thing DROP note")', "'ALTER TABLE"),
        ('migrations.RunSQL("ALTER TABLE {app}_thing RENAME note TO remark")', "'RENAME'"),
        ('migrations.RunSQL("DROP TABLE {app}_thing")', "'DROP TABLE'"),
        (
            'migrations.AlterField("thing", "note", models.CharField(max_length=100))',
            "makes NOT NULL",
        ),
        ('migrations.AlterField("thing", "name", models.CharField(max_length=50))', "shortens"),
        ('migrations.AlterField("thing", "name", models.IntegerField())', "changes the type"),
        ('migrations.AddField("thing", "size", models.IntegerField(default=0))', "db_default"),
    ],
)
def test_an_unreleased_migration_that_takes_away_fails(sample_app, operation, problem):
    (found,) = sample_app(operation)
    assert "0002_change.py" in found
    assert problem in found


@pytest.mark.parametrize(
    "operation",
    [
        'migrations.AddField("thing", "size", models.IntegerField(null=True))',
        'migrations.AddField("thing", "size", models.IntegerField(db_default=0))',
        'migrations.AlterField("thing", "name", models.CharField(max_length=200))',
        'migrations.AlterField("thing", "name", models.CharField(max_length=100, null=True))',
        'migrations.RunSQL("CREATE INDEX {app}_x ON {app}_thing (name)", "DROP INDEX {app}_x")',
        'migrations.RunSQL("ALTER TABLE {app}_thing DROP CONSTRAINT IF EXISTS c")',
        # A table no release has read yet
        'migrations.CreateModel("new", [("id", models.BigAutoField(primary_key=True)),'
        ' ("x", models.IntegerField())]), migrations.RemoveField("new", "x")',
    ],
)
def test_an_expand_step_passes(sample_app, operation):
    assert sample_app(operation) == []


def test_a_contract_step_passes(sample_app):
    assert sample_app('migrations.RemoveField("thing", "note")', contract=True) == []


def test_a_released_migration_is_not_checked_again(sample_app):
    removal = 'migrations.RemoveField("thing", "note")'
    assert sample_app(removal, released=["0001_initial", "0002_change"]) == []
