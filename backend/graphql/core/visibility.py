"""Visibility a node type declares for `ids.node_for` (and the optimizer's lists)."""

from backend.accounts.selectors import staff_rows_visible_to


class StaffOnly:
    """Mixed into a node type whose rows only the staff of their cooperative (any role) and
    the operator may see; what each role may do is checked by the operation."""

    @classmethod
    def filter_queryset(cls, queryset, info):
        return staff_rows_visible_to(info.context.user, queryset)
