"""The incident's page in the admin: what its facts rest on, inline; publishing refused with each
fact that rests on nothing listed; the figures' override a reviewer's field only."""

import pytest
from django.urls import reverse

from incidents.choices import Fact, IncidentStatus
from incidents.models import Incident, IncidentFact
from tests import factories
from tests.admin.helpers import messages_of
from tests.admin.test_workflow import _button

pytestmark = pytest.mark.django_db


def _page(client, incident):
    return client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))


def test_publishing_in_the_admin_is_refused_with_each_fact_listed(reviewer_client):
    incident = factories.IncidentFactory(
        status=IncidentStatus.IN_REVIEW, cited=False, weapons=["missiles"]
    )

    response = _button(reviewer_client, incident, "publish")

    [message] = messages_of(response)
    assert message == (
        f"Could not publish “{incident}”:<ul>"
        f"<li>Fact &#x27;date&#x27; ({incident.start_date.isoformat()}) rests on no quote and "
        "carries no editor&#x27;s note.</li>"
        "<li>Fact &#x27;place&#x27; (Idlib) rests on no quote and carries no editor&#x27;s "
        "note.</li>"
        "<li>Fact &#x27;weapons&#x27; (missiles) rests on no quote and carries no "
        "editor&#x27;s note.</li></ul>"
    )
    assert Incident.objects.get(pk=incident.pk).status == IncidentStatus.IN_REVIEW

    quote = factories.QuoteFactory()
    for fact in (Fact.DATE, Fact.PLACE, Fact.WEAPONS):
        IncidentFact.objects.create(incident=incident, fact=fact, quote=quote)
    response = _button(reviewer_client, incident, "publish")

    assert messages_of(response) == [f"“{incident}” was published."]
    published = Incident.objects.get(pk=incident.pk)
    assert published.status == IncidentStatus.PUBLISHED and published.published_at is not None


def test_the_incident_page_shows_what_each_fact_rests_on(editor_client):
    incident = factories.IncidentFactory(draft=True, cited=False)
    citation = factories.IncidentFactFactory(incident=incident, fact=Fact.PLACE)

    response = _page(editor_client, incident)

    assert response.status_code == 200
    formsets = {f.formset.prefix: f for f in response.context["inline_admin_formsets"]}
    facts = formsets["facts"].formset
    assert [form.instance.pk for form in facts.forms if form.instance.pk] == [citation.pk]
    assert response.context["workflow"]["blockers"] == [
        f"Fact 'date' ({incident.start_date.isoformat()}) rests on no quote and carries no "
        "editor's note."
    ]


def test_only_a_reviewer_edits_the_figures_override(editor_client, reviewer_client):
    incident = factories.IncidentFactory(draft=True)

    editor_form = _page(editor_client, incident).context["adminform"].form
    reviewer_form = _page(reviewer_client, incident).context["adminform"].form

    assert "civilian_figures_override_reason" not in editor_form.fields
    assert "civilian_figures_override_reason" in reviewer_form.fields
