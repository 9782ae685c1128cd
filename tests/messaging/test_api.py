"""Managers connect their cooperative's WhatsApp and SMS and read and retry its message log
through the API; another cooperative's managers see none of it."""

import pytest
from django.db import transaction
from graphql_relay import to_global_id

from messaging.models import Message, MessageState
from messaging.services import message_send

SETTINGS = """mutation($input: MessagingSettingsInput!) {
  messagingSettingsUpdate(cooperative: "koperasi-a", input: $input) {
    settings { channelOrder whatsappPhoneNumberId hasWhatsappToken smsProvider hasSmsKey }
    errors { field code } } }"""
LOG = """query($state: MessageState, $search: String) {
  messages(cooperative: "koperasi-a", first: 10, state: $state, search: $search) {
    totalCount edges { node { id template state channel lastErrorCode } } } }"""
RETRY = """mutation($id: ID!, $coop: String) { messageRetry(id: $id, cooperative: $coop) {
  message { state channel tries } errors { field code } } }"""


def test_a_manager_connects_channels_and_secrets_never_come_back(gql, manager_a, coop_a):
    gql.login(manager_a)
    result = gql(SETTINGS, {"input": {"channelOrder": ["SMS", "WHATSAPP"],
                                      "whatsappPhoneNumberId": "1065", "whatsappToken": "EAAG",
                                      "smsProvider": "twilio", "smsKey": "rahasia"}})
    assert result["messagingSettingsUpdate"] == {"errors": [], "settings": {
        "channelOrder": ["SMS", "WHATSAPP"], "whatsappPhoneNumberId": "1065",
        "hasWhatsappToken": True, "smsProvider": "twilio", "hasSmsKey": True}}
    refused = gql(SETTINGS, {"input": {"smsProvider": "merpati", "whatsappPhoneNumberId": "9"}})
    assert refused["messagingSettingsUpdate"]["errors"] == [{"field": "smsProvider",
                                                             "code": "INVALID"}]
    assert coop_a.channel_settings.whatsapp_phone_number_id == "1065"  # nothing changed


def test_the_log_filters_and_a_failed_message_is_sent_again(
        gql, manager_a, manager_b, connected_coop, whatsapp_cloud, messages_sent_at_once,
        django_capture_on_commit_callbacks):
    whatsapp_cloud.failures_to_come.extend([500] * 20)  # WhatsApp down through every try
    connected_coop.channel_settings.channel_order = ["whatsapp"]
    connected_coop.channel_settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        message_send(connected_coop, "order_paid", {"number": "A-9", "total": "Rp5.000",
                                                    "link": "x"}, phone="081299990009")
    failed = Message.objects.get()
    assert (failed.state, failed.last_error_code) == ("failed", "provider_unavailable")
    gql.login(manager_a)
    log = gql(LOG, {"state": "FAILED", "search": "0812-9999-0009"})["messages"]
    assert log["totalCount"] == 1
    assert log["edges"][0]["node"]["template"] == "order_paid"
    assert gql(LOG, {"state": "SENT"})["messages"]["totalCount"] == 0

    message_id = to_global_id("Message", failed.pk)
    other = gql.login(manager_b).post(RETRY, {"id": message_id, "coop": "koperasi-b"})
    assert other["data"]["messageRetry"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert gql.post(LOG)["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

    whatsapp_cloud.failures_to_come.clear()  # WhatsApp is back
    with django_capture_on_commit_callbacks(execute=True):
        retried = gql.login(manager_a)(RETRY, {"id": message_id, "coop": "koperasi-a"})
    assert retried["messageRetry"]["errors"] == []
    failed.refresh_from_db()
    assert (failed.state, failed.channel, failed.tries) == (MessageState.SENT, "whatsapp", 1)
    assert len(whatsapp_cloud.texts_to("+6281299990009")) == 1


@pytest.fixture(autouse=True)
def _fast_retries(settings):
    settings.MESSAGE_RETRY_SECONDS = 0


def test_only_failed_messages_are_retried(gql, manager_a, connected_coop, whatsapp_cloud,
                                          messages_sent_at_once):
    with transaction.atomic():  # inside the test's transaction: still queued
        queued = message_send(connected_coop, "order_delivered", {"number": "A-1", "link": "x"},
                            phone="081299990001")
    gql.login(manager_a)
    result = gql(RETRY, {"id": to_global_id("Message", queued.pk), "coop": "koperasi-a"})
    assert result["messageRetry"]["errors"] == [{"field": "message", "code": "INVALID"}]
