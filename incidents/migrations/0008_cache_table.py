"""The table of the database cache, which shares rate-limit counters between workers when no
REDIS_URL is set (createcachetable, run as part of migrate so no deployment forgets it)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0007_history_triggers")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
