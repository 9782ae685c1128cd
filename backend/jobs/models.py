"""One saved job model for work that takes longer than a request: imports, exports,
rebuilds, feeds. Pages and the API start a job and poll the same row."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel


class JobState(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(TenantModel):
    # A random id: it is in page addresses, and says nothing of how many jobs there are.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.WAITING)
    params = models.JSONField(default=dict, help_text="What the job was started with.")
    progress = models.PositiveIntegerField(default=0, help_text="Units done (rows read...).")
    total = models.PositiveIntegerField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    errors = models.JSONField(default=list, help_text="[{row, field, message}], row optional.")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["cooperative", "kind", "-created_at"])]

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
