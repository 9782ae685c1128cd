from backend.error_codes import FileErrorCode
from backend.graphql.core.errors import error_code_enum, error_type

from ..error_codes import CatalogErrorCode as Codes

CatalogErrorCode = error_code_enum("CatalogErrorCode", Codes, FileErrorCode)
CatalogError = error_type("CatalogError", CatalogErrorCode)
