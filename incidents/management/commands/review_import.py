from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from incidents.import_review import batch_accept, batch_reject
from incidents.models import ImportBatch


class Command(BaseCommand):
    help = (
        "Decide an editor's import batch as a whole (import_events --as-editor): --accept "
        "imports its file as the reviewer, while the published incidents it changes are as they "
        "were when it was proposed; --reject needs --reason. Without either, show it."
    )

    def add_arguments(self, parser):
        parser.add_argument("batch", type=int, help="The import batch's number.")
        decision = parser.add_mutually_exclusive_group()
        decision.add_argument("--accept", action="store_true")
        decision.add_argument("--reject", action="store_true")
        parser.add_argument("--reason", default="", help="Why it is rejected (required then).")
        parser.add_argument("--as", dest="reviewer", metavar="USERNAME", help="The reviewer.")

    def handle(self, *args, batch, accept, reject, reason, reviewer, **options):
        found = ImportBatch.objects.filter(pk=batch).select_related("proposed_by").first()
        if found is None:
            raise CommandError(f"No import batch {batch}.")
        if not (accept or reject):
            self.stdout.write(
                f"{found}: {found.get_status_display()}; proposed by "
                f"{found.proposed_by.get_username()} at {found.proposed_at:%Y-%m-%d %H:%M}; "
                f"published incidents it changes: {found.public_incidents}"
            )
            return
        user = get_user_model().objects.filter(username=reviewer or "", is_active=True).first()
        if user is None:
            raise CommandError("Name the reviewer who decides: --as USERNAME.")
        try:
            if accept:
                report = batch_accept(batch=found, user=user)
                self.stdout.write(f"Import batch {batch} accepted: {report.summary()}.")
            else:
                batch_reject(batch=found, user=user, reason=reason)
                self.stdout.write(f"Import batch {batch} rejected.")
        except (PermissionDenied, ValidationError) as refused:
            message = "; ".join(getattr(refused, "messages", [str(refused)]))
            raise CommandError(message) from None
