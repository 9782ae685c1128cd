import os

from celery import Celery
from celery.signals import worker_init

from .statement_timeout import statement_timeout_option

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

app = Celery("coopmart")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _jobs_get_a_longer_statement_timeout(**_kwargs):
    """Web requests get STATEMENT_TIMEOUT_MS; a worker's jobs may run longer statements."""
    from django.conf import settings
    from django.db import connections

    for connection in connections.all():
        connection.close()  # the next query connects with the job's timeout
        options = connection.settings_dict.setdefault("OPTIONS", {})
        options["options"] = statement_timeout_option(
            settings.JOB_STATEMENT_TIMEOUT_MS, options.get("options", ""))
