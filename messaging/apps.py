from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = "Pesan"

    def ready(self):
        # Code below this floor (backend/: password links, sign-in codes, staff invitations,
        # sync failures) sends through backend.outbox; this is its sender.
        from backend import outbox

        from .services import message_send

        outbox.sender_register(message_send)
