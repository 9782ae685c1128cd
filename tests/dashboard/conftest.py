from tests.suppliers.conftest import distributor, groceries, store_a  # noqa: F401  (fixtures)
