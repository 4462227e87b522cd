import pytest
from django.test import Client

from incidents.roles import EDITORS, REVIEWERS
from tests.admin.helpers import make_user


@pytest.fixture
def editor(db):
    return make_user("edna", EDITORS)


@pytest.fixture
def reviewer(db):
    return make_user("rhea", REVIEWERS)


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    client = Client()
    client.force_login(reviewer)
    return client
