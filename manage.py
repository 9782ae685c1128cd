#!/usr/bin/env python3
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    if sys.argv[1:2] != ["runserver"]:
        # Commands (migrate, populatedb, imports) are jobs, not web requests: they get the
        # jobs' statement timeout (see STATEMENT_TIMEOUT_MS in backend/settings.py).
        os.environ.setdefault("STATEMENT_TIMEOUT_MS",
                              os.environ.get("JOB_STATEMENT_TIMEOUT_MS", "600000"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
