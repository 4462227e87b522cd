import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from knox.models import AuthToken

from config.history import set_history_context
from incidents.roles import EDITORS, REVIEWERS, sync_groups


class Command(BaseCommand):
    help = (
        "Create or update an editor (or, with --reviewer, a reviewer) and print a new API token "
        "as the last word of the last line. Clients send it as 'Authorization: Token <token>'. "
        "Earlier tokens stay valid until they expire or are revoked (--revoke-others)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reviewer", action="store_true", help="Also publish and retract.")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--revoke-others", action="store_true", help="Revoke the user's earlier tokens."
        )
        parser.add_argument(
            "--with-password",
            action="store_true",
            help="Also set a new random password for the admin, and print it.",
        )

    @transaction.atomic
    def handle(self, *args, username, reviewer, email, revoke_others, with_password, **options):
        username = username.strip()
        if not username or len(username) > 150:
            raise CommandError("Give a username of 1 to 150 characters.")
        set_history_context(via="command:create_editor")
        sync_groups()
        user, created = get_user_model().objects.get_or_create(username=username)
        if email:
            user.email = email
        user.is_active = user.is_staff = True  # staff: editors work in the admin too
        password = secrets.token_urlsafe(12) if with_password else None
        if password:
            user.set_password(password)
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=[EDITORS, REVIEWERS]))
        user.groups.add(Group.objects.get(name=REVIEWERS if reviewer else EDITORS))
        if revoke_others:
            AuthToken.objects.filter(user=user).delete()
        instance, token = AuthToken.objects.create(user=user)
        role = "reviewer" if reviewer else "editor"
        verb = "Created" if created else "Updated"
        expiry = instance.expiry.isoformat(timespec="seconds") if instance.expiry else "never"
        self.stdout.write(f"{verb} {role} {username}; the token expires {expiry}.")
        if password:
            self.stdout.write(f"Admin password: {password}")
        self.stdout.write(f"Token: {token}")
