"""Error codes are declared once per domain and every code raised is one a client can be told:
a new code cannot land unnoticed behind a vague INVALID."""

import ast
import enum
import importlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from backend.graphql.core.errors import UnknownErrorCode, errors_from_validation
from catalog.graphql.types import CatalogErrorCode

ROOT = Path(__file__).resolve().parents[2]
DOMAINS = ("backend", "catalog", "members", "inventory", "messaging", "payments", "orders",
           "suppliers", "till", "savings", "reports")
CODE_MODULES = ("backend.error_codes", "backend.accounts.error_codes",
                "backend.cooperatives.error_codes", "catalog.error_codes",
                "members.error_codes", "inventory.error_codes", "orders.error_codes",
                "messaging.error_codes", "payments.error_codes", "suppliers.error_codes",
                "till.error_codes", "savings.error_codes", "reports.error_codes")
# Functions that wrap ValidationError(message, code=...) and take the code last.
ERROR_HELPERS = {"add", "_error", "_reject"}


def _declared() -> dict[str, type[enum.StrEnum]]:
    found = {}
    for module in CODE_MODULES:
        for name, value in vars(importlib.import_module(module)).items():
            if isinstance(value, type) and issubclass(value, enum.StrEnum) \
                    and value is not enum.StrEnum:
                found[name] = value
    return found


def _sources():
    for domain in DOMAINS:
        for path in sorted((ROOT / domain).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), str(path))


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_services_raise_declared_codes_not_bare_strings():
    bare = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            candidates = [kw.value for kw in node.keywords if kw.arg == "code"
                          and _name(node.func) in {"ValidationError", *ERROR_HELPERS}]
            if _name(node.func) in ERROR_HELPERS and len(node.args) >= 2:
                candidates.append(node.args[-1])
            bare += [f"{path.relative_to(ROOT)}:{c.lineno}" for c in candidates
                     if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    assert not bare, "use the domain's error_codes.py enum: " + ", ".join(bare)


def test_every_code_named_in_the_code_is_declared():
    declared = _declared()
    unknown = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in declared \
                    and node.attr not in declared[node.value.id].__members__ \
                    and not node.attr.startswith("_"):
                unknown.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}."
                               f"{node.attr}")
    assert not unknown


def test_every_declared_code_reaches_a_graphql_enum():
    from backend.graphql.schema import schema

    in_schema = {name for type_ in schema.graphql_schema.type_map.values()
                 if type_.name.endswith("ErrorCode") for name in type_.values}
    missing = [f"{cls.__name__}.{member.name}" for cls in _declared().values()
               for member in cls if member.name not in in_schema]
    assert not missing


def test_a_code_its_enum_does_not_declare_fails_instead_of_becoming_invalid(settings):
    surprise = ValidationError({"name": ValidationError("Aneh.", code="never_declared")})
    with pytest.raises(UnknownErrorCode):
        errors_from_validation(surprise, CatalogErrorCode)
    settings.GRAPHQL_STRICT_ERROR_CODES = False  # production: logged, answered as INVALID
    assert errors_from_validation(surprise, CatalogErrorCode) == [
        {"field": "name", "code": "INVALID", "message": "Aneh."}]


def test_django_validator_codes_map_to_common_codes():
    too_long = ValidationError({"sku": ValidationError("Too long.", code="max_length")})
    assert errors_from_validation(too_long, CatalogErrorCode)[0]["code"] == "INVALID"
