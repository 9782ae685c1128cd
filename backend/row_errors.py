"""One shape for a problem in one row of an imported file: the catalog sheet, the member
register and the supplier feeds all report their rows' problems this way."""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class RowError:
    row: int  # in the sheet (the header is 1) or in a list (the first is 1); 0: the whole file
    field: str  # the column, or "" for the whole row
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def all_of(cls, row: int, error: ValidationError) -> list["RowError"]:
        """A service's refusal of one row, one entry per message."""
        if hasattr(error, "error_dict"):
            return [cls(row, "" if field == "__all__" else field, message)
                    for field, messages in error.message_dict.items() for message in messages]
        return [cls(row, "", message) for message in error.messages]
