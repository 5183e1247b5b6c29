import pytest

from budgets.demo import load_demo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The three seed disclosures, loaded once through the real importer and workflow: they
    are the fixtures of every test. Tests must not flush the database (transaction=True)
    without restoring them."""
    with django_db_blocker.unblock():
        load_demo(log=lambda *args: None)


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """Public pages are cached until the next publication, and publications inside a test's
    transaction never announce themselves (on_commit): no test may see another's pages."""
    from django.core.cache import cache

    cache.clear()


# The demo's people (budgets.demo), as the tests' personas: the information centre's finance
# officer, the department's reviewer and the finance bureau's publisher.
@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.get(username="demo-officer")


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.get(username="demo-reviewer")


@pytest.fixture
def publisher(django_user_model):
    return django_user_model.objects.get(username="demo-publisher")
