from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from incidents.models import ApiClient
from incidents.models.clients import DEFAULT_RATE


class Command(BaseCommand):
    help = (
        "Create a calling service's read-only API token, with a rate limit of its own, and print "
        "it (once: only its digest is kept) as the last word of the last line. The service sends "
        "it as 'Authorization: Token <token>'. Run again for a service that exists to give it a "
        "new token (the old one stops working) and, with --rate, a new rate. Revoke it in the "
        "admin (API clients)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who calls, e.g. maps-prod.")
        parser.add_argument(
            "--rate",
            help=f"Requests per window, e.g. 6000/min (per s, min, hour or day; new services: "
            f"{DEFAULT_RATE}).",
        )

    def handle(self, *args, name, rate, **options):
        name = name.strip()
        client = ApiClient.objects.filter(name=name).first() or ApiClient(name=name)
        created = client.pk is None
        if rate is not None:
            client.rate = rate
        token = client.new_token()
        client.revoked_at = None
        try:
            client.full_clean()
        except ValidationError as error:
            raise CommandError(
                "; ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            ) from None
        client.save()
        verb = "Created" if created else "Gave a new token to"
        self.stdout.write(f"{verb} service {client.name}, limited to {client.rate}.")
        self.stdout.write(f"Token: {token}")
