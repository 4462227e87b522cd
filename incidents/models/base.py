"""What every curated model shares: bounded counts, user stamps, soft deletes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

MAX_COUNT = 100_000_000
"""Upper bound of any casualty or displacement figure: above every figure ever reported for a
whole war, so anything larger is a typing error."""

country_code = RegexValidator(r"^[A-Z]{2}$", "Use an ISO 3166-1 alpha-2 code such as 'SY'.")


def _count_field(help_text: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_COUNT)],
        help_text=f"{help_text} At most {MAX_COUNT:,}; empty when unknown.",
    )


def _range_constraints(low: str, high: str, name: str) -> list[models.BaseConstraint]:
    """A count range in the database: each end within [0, MAX_COUNT], and low <= high."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{low}__lte": MAX_COUNT}) | Q(**{f"{low}__isnull": True}),
            name=f"%(app_label)s_%(class)s_{name}_min_bounded",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{high}__lte": MAX_COUNT}) | Q(**{f"{high}__isnull": True}),
            name=f"%(app_label)s_%(class)s_{name}_max_bounded",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{low}__lte": F(high)})
            | Q(**{f"{low}__isnull": True})
            | Q(**{f"{high}__isnull": True}),
            name=f"%(app_label)s_%(class)s_{name}_min_lte_max",
        ),
    ]


def _user_field(help_text: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class SoftDeletable(models.Model):
    """A record whose delete keeps it: it leaves every list and the API, and stays stored.

    ``objects`` hides deleted rows; ``all_objects`` shows them. ``delete()`` is a soft
    delete; only the ``purge`` command removes rows, for legal takedowns.
    """

    deleted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was deleted; empty if live."
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def delete(self, using=None, keep_parents=False, *, user=None):
        self.deleted_at = timezone.now()
        self.deleted_by = user
        self.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        return 1, {self._meta.label: 1}

    def hard_delete(self):
        return super().delete()


def _live_manager(queryset_class: type[models.QuerySet]) -> models.Manager:
    class LiveManager(models.Manager.from_queryset(queryset_class)):
        def get_queryset(self):
            return super().get_queryset().filter(deleted_at__isnull=True)

    return LiveManager()
