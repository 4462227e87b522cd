"""Actor trees and their public incidents (incidents/models/trees.py), kept by the feed
builder: made from what is stored, so that ?actor= pages are right from the deploy. Writes
committed between this migration and the new builder's start are relinked by
``manage.py build_feed --rebuild-trees`` (the deploy's step after it)."""

import django.contrib.postgres.fields
from django.db import migrations, models


def make_trees(apps, schema_editor):
    from incidents import trees  # plain SQL on the tables as this migration leaves them

    trees.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0031_rendered_csv"),
    ]

    operations = [
        migrations.CreateModel(
            name="TreeCount",
            fields=[
                ("ancestor_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("n", models.IntegerField()),
            ],
            options={
                "ordering": ["ancestor_id"],
            },
        ),
        migrations.CreateModel(
            name="ActorTree",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "ancestor_id",
                        "actor_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("ancestor_id", models.BigIntegerField()),
                (
                    "actor_id",
                    models.BigIntegerField(
                        help_text="The ancestor itself or one of its descendants."
                    ),
                ),
            ],
            options={
                "ordering": ["ancestor_id", "actor_id"],
                "indexes": [models.Index(fields=["actor_id"], name="incidents_actortree_actor")],
            },
        ),
        migrations.CreateModel(
            name="TreeLink",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "incident_id",
                        "ancestor_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("ancestor_id", models.BigIntegerField(help_text="The tree's root actor.")),
                ("incident_id", models.BigIntegerField()),
                ("start_date", models.DateField()),
                (
                    "last_date",
                    models.DateField(help_text="The incident's end date, or its start date."),
                ),
                ("country", models.CharField(max_length=2)),
                (
                    "other_countries",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=2), default=list, size=None
                    ),
                ),
            ],
            options={
                "ordering": ["ancestor_id", "-start_date", "-incident_id"],
                "constraints": [
                    models.UniqueConstraint(
                        models.F("ancestor_id"),
                        models.OrderBy(models.F("start_date"), descending=True),
                        models.OrderBy(models.F("incident_id"), descending=True),
                        include=("last_date", "country", "other_countries"),
                        name="incidents_treelink_list_order",
                    )
                ],
            },
        ),
        migrations.RunPython(make_trees, migrations.RunPython.noop, elidable=True),
    ]
