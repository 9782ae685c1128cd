from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.cooperatives.models import TenantModel

# The statutes' split of the surplus (SHU), in percent; a cooperative sets its own.
DEFAULT_SHU_PERCENTS = {"reserve": "40", "jasa_anggota": "25", "jasa_modal": "20",
                        "board": "5", "staff": "5", "education": "2.5", "social": "2.5"}


class ReportSettings(TenantModel):
    """What the RAT pack and the government report need beyond the ledgers: the statutes'
    SHU split, and the figures the treasurer enters (board, staff, reserves, outside
    capital, the RAT's date)."""

    shu_percents = models.JSONField(default=dict, blank=True)
    board_members = models.PositiveIntegerField(_("board members (pengurus)"), default=0)
    supervisors = models.PositiveIntegerField(_("supervisors (pengawas)"), default=0)
    employees = models.PositiveIntegerField(_("employees (karyawan)"), default=0)
    reserves = models.BigIntegerField(_("reserves (cadangan, Rp)"), default=0)
    outside_capital = models.BigIntegerField(_("outside capital (modal luar, Rp)"), default=0)
    rat_date = models.DateField(_("date of the RAT"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cooperative"],
                                               name="one_report_settings_per_cooperative")]
