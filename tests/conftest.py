import pytest
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    # Production serves hashed files that `collectstatic` makes; tests don't run it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _rates_that_tests_do_not_reach(settings):
    # Rate limits have tests of their own (tests/hardening), with the shared cache; elsewhere
    # they would only add noise, and the cache's queries to every query count.
    settings.API_RATES = {"anon": "100000/min", "user": "100000/min"}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
