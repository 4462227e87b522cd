from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IncidentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incidents"
    verbose_name = "Incidents, actors and claims"

    def ready(self) -> None:
        from incidents.roles import sync_groups

        post_migrate.connect(sync_groups, sender=self)
