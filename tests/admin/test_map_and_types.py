"""The incident page's map and its sub-types that follow the type (issue 15, item 6)."""

import json

from django.conf import settings
from django.urls import reverse

from incidents.choices import SUB_TYPES_BY_TYPE, IncidentStatus
from tests import factories


def test_the_incident_page_has_a_map_of_its_point_with_the_configured_tiles(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, located=True)

    response = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    page = response.content.decode()
    assert f'data-tiles="{settings.MAP_TILE_URL}"' in page
    assert f'data-latitude="{incident.latitude}" data-longitude="{incident.longitude}"' in page
    assert "/static/leaflet/leaflet.js" in page and "/static/ledger/incident_map.js" in page
    # The tiles' server is the one outside address the page may load images from.
    origin = "/".join(settings.MAP_TILE_URL.split("/")[:3])
    assert origin in response["Content-Security-Policy"]


def test_the_sub_type_list_knows_which_type_each_belongs_to(editor_client):
    response = editor_client.get(reverse("admin:incidents_incident_add"))

    widget = response.context["adminform"].form.fields["sub_type"].widget
    assert json.loads(widget.attrs["data-by-type"]) == SUB_TYPES_BY_TYPE
