"""What the till tells lower floors at start-up (they never import it)."""


def register_hooks() -> None:
    pass
