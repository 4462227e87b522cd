"""An actor's write marks its parent as one whose children changed, not as an edit of it.

An actor's record lists its children, so a write to an actor (renamed, moved) changes its
parent's record, the old parent's too after a move: migration 0004 marked the parent under
"actors", and the feed took that for an edit of the parent, re-announcing (and now rendering
again) every incident that names the parent, whose representations show the parent's own name
and had not changed: a quarter of a rename's fan-out in the bench. The parent is now marked
under "actor-children" (incidents.changes.ACTOR_CHILDREN): its own record changes, nothing that
shows it.
"""

import importlib

from django.db import migrations

triggers = importlib.import_module("incidents.migrations.0004_change_triggers")

TABLE = "incidents_actor"


def _replace(parent_resource: str) -> str:
    """The marking function with the parent marked as ``parent_resource``, replacing the
    function in place: the trigger that calls it stays, and nothing is dropped."""
    marks = [("actors", "id"), (parent_resource, "parent_id")]
    function = triggers._function(TABLE, marks)
    function = function[: function.index("CREATE TRIGGER")]
    return function.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0033_rendered_records")]

    operations = [migrations.RunSQL(_replace("actor-children"), _replace("actors"))]
