from tests.curation.conftest import make_user  # noqa: F401 - shared fixture
