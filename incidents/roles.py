"""The two editorial roles, as Django groups with model permissions.

Editors create and change records and send incidents to review; Reviewers may also publish
and retract. ``sync_groups`` makes the groups match this file; it runs after every migrate.
"""

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS

EDITORS = "Editors"
REVIEWERS = "Reviewers"

_CURATED = {
    "sources": ["source", "quote"],
    "incidents": [
        "actor",
        "incident",
        "involvement",
        "casualtyreport",
        "statement",
        "incidentfact",
    ],
}
_EDITOR_PERMISSIONS = [
    (app, f"{action}_{model}")
    for app, models in _CURATED.items()
    for model in models
    for action in ("view", "add", "change", "delete")
] + [
    ("incidents", "view_historyevent"),
    ("incidents", "view_revision"),
    ("incidents", "view_importbatch"),
]
_REVIEWER_PERMISSIONS = [*_EDITOR_PERMISSIONS, ("incidents", "publish_incident")]


def sync_groups(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    for name, wanted in ((EDITORS, _EDITOR_PERMISSIONS), (REVIEWERS, _REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
        group.permissions.set(permissions)
