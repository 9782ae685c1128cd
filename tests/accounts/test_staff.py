import pytest
from django.core import mail
from graphql_relay import to_global_id

from backend.accounts.models import StaffMembership, User
from tests.conftest import make_staff, make_user

pytestmark = pytest.mark.django_db

ADD = """mutation($login: String!, $role: StaffRoleEnum!) {
  staffMemberAdd(cooperative: "koperasi-a", input: {login: $login, role: $role,
    fullName: "Rina Marlina"}) {
    staffMember { id role user { email phone fullName } } errors { field code message } } }"""


def test_manager_adds_a_new_person_who_is_invited_by_email(gql, manager_a, coop_a,
                                                           messages_sent_at_once,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        data = gql.login(manager_a)(ADD, {"login": "Rina@Example.test", "role": "CASHIER"})
    payload = data["staffMemberAdd"]
    assert payload["errors"] == []
    assert payload["staffMember"]["role"] == "CASHIER"
    assert payload["staffMember"]["user"] == {"email": "rina@example.test", "phone": None,
                                              "fullName": "Rina Marlina"}
    assert len(callbacks) == 1  # the invitation is sent once the transaction commits
    membership = StaffMembership.objects.get(user__email="rina@example.test")
    assert not membership.user.has_usable_password()
    assert mail.outbox[0].to == ["rina@example.test"]
    assert "Koperasi A" in mail.outbox[0].subject
    assert "token=" in mail.outbox[0].body
    assert "sebagai Kasir dari Koperasi A" in mail.outbox[0].body


def test_an_existing_account_found_by_phone_gets_the_role(gql, manager_a):
    person = make_user(phone="+6281377778888", full_name="Pak Darto")
    data = gql.login(manager_a)(ADD, {"login": "0813-7777-8888", "role": "STAFF"})
    assert data["staffMemberAdd"]["staffMember"]["user"]["phone"] == "+6281377778888"
    assert StaffMembership.objects.get(user=person).role == "staff"
    assert User.objects.filter(phone="+6281377778888").count() == 1


def test_adding_someone_twice_or_with_a_bad_phone_is_an_error(gql, manager_a):
    gql.login(manager_a)
    twice = gql(ADD, {"login": manager_a.email, "role": "STAFF"})["staffMemberAdd"]
    assert [(e["field"], e["code"]) for e in twice["errors"]] == [("login", "ALREADY_STAFF")]
    bad = gql(ADD, {"login": "12", "role": "STAFF"})["staffMemberAdd"]
    assert [(e["field"], e["code"]) for e in bad["errors"]] == [("login", "INVALID")]
    assert StaffMembership.objects.count() == 1


def test_the_last_manager_cannot_be_removed_or_demoted(gql, manager_a, coop_a):
    membership = StaffMembership.objects.get(user=manager_a)
    staff_id = to_global_id("StaffMember", membership.pk)
    gql.login(manager_a)
    demote = gql('mutation { staffMemberUpdate(id: "%s", role: CASHIER) { errors { code } } }'
                 % staff_id)["staffMemberUpdate"]
    remove = gql('mutation { staffMemberRemove(id: "%s") { errors { code } } }'
                 % staff_id)["staffMemberRemove"]
    assert demote["errors"] == [{"code": "LAST_MANAGER"}]
    assert remove["errors"] == [{"code": "LAST_MANAGER"}]
    assert StaffMembership.objects.get(pk=membership.pk).role == "manager"


def test_manager_changes_a_role_and_removes_a_member(gql, manager_a, coop_a):
    cashier = make_staff(coop_a, "cashier")
    staff_id = to_global_id("StaffMember", StaffMembership.objects.get(user=cashier).pk)
    gql.login(manager_a)
    updated = gql('mutation { staffMemberUpdate(id: "%s", role: STAFF) '
                  "{ staffMember { role } errors { code } } }" % staff_id)["staffMemberUpdate"]
    assert updated == {"staffMember": {"role": "STAFF"}, "errors": []}
    removed = gql('mutation { staffMemberRemove(id: "%s") { removedId errors { code } } }'
                  % staff_id)["staffMemberRemove"]
    assert removed == {"removedId": staff_id, "errors": []}
    assert User.objects.filter(pk=cashier.pk).exists()  # the account stays
    assert not StaffMembership.objects.filter(user=cashier).exists()


def test_me_lists_my_roles_in_each_cooperative(gql, coop_a, coop_b):
    person = make_user(email="dua@example.test")
    StaffMembership.objects.create(user=person, cooperative=coop_a, role="cashier")
    StaffMembership.objects.create(user=person, cooperative=coop_b, role="manager")
    data = gql.login(person)("{ me { staffMemberships { role cooperative { slug } } } }")
    assert data["me"]["staffMemberships"] == [
        {"role": "CASHIER", "cooperative": {"slug": "koperasi-a"}},
        {"role": "MANAGER", "cooperative": {"slug": "koperasi-b"}},
    ]


def test_a_new_person_is_added_by_email_so_they_can_be_invited(gql, manager_a):
    data = gql.login(manager_a)(ADD, {"login": "0812-5555-6666", "role": "CASHIER"})
    assert [(e["field"], e["code"]) for e in data["staffMemberAdd"]["errors"]] == [
        ("login", "INVALID")]
    assert not User.objects.filter(phone="+6281255556666").exists()
