"""The one GraphQL shape of a problem in one row of an imported file (the member register,
the supplier feeds), made from `backend.row_errors.RowError`."""

import graphene

from backend.row_errors import RowError


class RowErrorType(graphene.ObjectType):
    class Meta:
        name = "RowError"
        description = "A problem in one row of an imported file."

    row = graphene.Int(required=True, description="Row in the sheet (header is 1), or place "
                                                  "in the list (first is 1); 0 for the whole "
                                                  "file.")
    field = graphene.String(required=True, description="The column; empty for the whole row.")
    message = graphene.String(required=True)

    @staticmethod
    def of(error: RowError | dict) -> "RowErrorType":
        if isinstance(error, dict):
            return RowErrorType(row=error["row"], field=error["field"], message=error["message"])
        return RowErrorType(row=error.row, field=error.field, message=error.message)
