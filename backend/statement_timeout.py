"""PostgreSQL's statement_timeout as a connection option (settings for the web, celery.py for
jobs): set at connect time, so it costs no query per request."""


def statement_timeout_option(milliseconds: int, options: str = "") -> str:
    """libpq `options` with the statement timeout set, any other `-c` option kept."""
    kept = [f"-c {o.strip()}" for o in options.split("-c ")
            if o.strip() and not o.strip().startswith("statement_timeout")]
    return " ".join([*kept, f"-c statement_timeout={int(milliseconds)}"])
