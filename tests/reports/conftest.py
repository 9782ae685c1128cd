from tests.savings.conftest import module_db  # noqa: F401  (data built once per module)
