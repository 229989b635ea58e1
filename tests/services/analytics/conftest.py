import pytest

from app.models.db import open_store
from tests.services.analytics.shop import build_shop


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """The generated shop, imported once per test module (tests here only read it)."""
    tmp = tmp_path_factory.mktemp("shop")
    store = open_store(tmp / "shop.sqlite")
    results = build_shop(store, tmp)
    yield store, results
    store.dispose()
