"""Services' API tokens in the admin: who has one, at what rate, when last used; revoke.

Only users given the API client permissions (superusers) see them: editors and reviewers
curate records, they do not hand out access. Tokens are made by ``manage.py create_client``,
which shows the token once; the admin never sees one.
"""

from django.contrib import admin, messages
from django.utils import timezone

from incidents.models import ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "rate", "active", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name"]
    fields = ["name", "rate", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # a token is shown once, by manage.py create_client

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # Django allows any lookup on a model's own fields in the list's URL, so that
        # ?digest__startswith=… would read the digest out a character at a time.
        return lookup.split("__")[0] != "digest" and super().lookup_allowed(lookup, value, request)

    @admin.display(boolean=True)
    def active(self, client: ApiClient) -> bool:
        return client.active

    @admin.action(description="Revoke the selected clients' tokens", permissions=["change"])
    def revoke(self, request, queryset):
        revoked = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"Revoked {revoked} token(s).", messages.SUCCESS)
