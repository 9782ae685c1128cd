from backend.graphql.core.errors import error_code_enum, error_type

CatalogErrorCode = error_code_enum("CatalogErrorCode", (
    "ALREADY_REGISTERED", "INVALID_STATUS", "NO_VARIANTS", "NOTHING_TO_REVIEW",
    "HALAL_CERTIFICATE_REQUIRED", "FOOD_PERMIT_REQUIRED", "FILE_TOO_LARGE", "INVALID_IMAGE",
    "TOO_MANY_PIXELS", "TOO_MANY_PHOTOS", "INVALID_FILE", "MISSING_COLUMN",
))
CatalogError = error_type("CatalogError", CatalogErrorCode)
