import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "For local use: create or reset the superuser 'admin' with a new random password, and "
        "print where the API, its docs and the admin are and how to log in. The password comes "
        "from ADMIN_PASSWORD when that is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--username", default="admin")

    def handle(self, *args, port: int, username: str, **options):
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@localhost"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        base = f"http://127.0.0.1:{port}"
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "Incident Ledger is starting:",
                    f"  API        {base}/api/incidents?actor=russia",
                    f"  API docs   {base}/api/docs   (ReDoc: {base}/api/redoc)",
                    f"  OpenAPI    {base}/api/schema",
                    f"  Admin      {base}/admin/",
                    f"  Log in as  {username} / {password}",
                    "",
                ]
            )
        )
