from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions


class EditorPermissions(DjangoModelPermissions):
    """Anyone may read; writing needs the model permission (Editors and Reviewers have them).

    What a reader sees is the view's business (public records, or everything for editors);
    an anonymous write is a 401, a write without the permission a 403.
    """

    authenticated_users_only = False
    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": [],
        "HEAD": [],
        "OPTIONS": [],
    }

    def has_permission(self, request, view) -> bool:
        # A read needs no permission: no need to build the view's queryset to find its model.
        return request.method in SAFE_METHODS or super().has_permission(request, view)


class CanViewHistory(BasePermission):
    """Records' histories are for users who may view them (Editors, Reviewers): an anonymous
    request is a 401, anyone else without the permission a 403."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("incidents.view_historyevent"))


def can_see_drafts(user, model) -> bool:
    """Editors see every live record of ``model``, drafts included; others what is public."""
    return bool(
        user
        and user.is_authenticated
        and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    )


class CanViewRevisions(BasePermission):
    """Pending revisions are for editors and reviewers: an anonymous request is a 401, anyone
    else without the permission a 403."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("incidents.view_revision"))
