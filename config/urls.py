from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from config.autocomplete import LabelledAutocompleteView
from config.health import health, ready

admin.site.site_header = "Incident Ledger"
admin.site.site_title = "Incident Ledger"
admin.site.index_title = "Curation"

urlpatterns = [
    path("", RedirectView.as_view(url="/api/", permanent=False)),
    # Before the admin's own: the same view, with results labelled by the model admin.
    path(
        "admin/autocomplete/",
        admin.site.admin_view(LabelledAutocompleteView.as_view(admin_site=admin.site)),
        name="ledger-autocomplete",
    ),
    path("admin/", admin.site.urls),
    path("health", health, name="health"),
    path("ready", ready, name="ready"),
    path("api/schema", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script, so the
    # page works under a content security policy that allows only this server's scripts.
    path("api/docs", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("api/", include("config.api_urls")),
]

handler400 = "config.api.errors.bad_request"
handler500 = "config.api.errors.server_error"
