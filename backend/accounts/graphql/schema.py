"""The accounts' part of the root schema: its queries and mutations, assembled."""

import graphene

from .mutations.account import (
    AccountRegister,
    PasswordChange,
    RequestPasswordReset,
    SetPassword,
    SetPasswordWithCode,
)
from .mutations.authentication import (
    RequestSignInCode,
    TokenCreate,
    TokenCreateWithCode,
    TokenRefresh,
    TokenVerify,
)
from .mutations.staff import StaffMemberAdd, StaffMemberRemove, StaffMemberUpdate
from .queries import AccountQueries


class AccountMutations(graphene.ObjectType):
    token_create = TokenCreate.Field()
    request_sign_in_code = RequestSignInCode.Field()
    token_create_with_code = TokenCreateWithCode.Field()
    token_refresh = TokenRefresh.Field()
    token_verify = TokenVerify.Field()
    account_register = AccountRegister.Field()
    password_change = PasswordChange.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    set_password_with_code = SetPasswordWithCode.Field()
    staff_member_add = StaffMemberAdd.Field()
    staff_member_update = StaffMemberUpdate.Field()
    staff_member_remove = StaffMemberRemove.Field()


__all__ = ["AccountMutations", "AccountQueries"]
