"""Every message the product can send renders with its variables, in Bahasa Indonesia first
and in English, and has the WhatsApp template a cooperative submits for approval."""

import pytest

from messaging.templates import TEMPLATES, template_render, whatsapp_template_definitions


def _sample(template) -> dict:
    return {name: f"<{name}>" for name in template.variables}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_speaks_indonesian_first_and_english_too(name):
    template = TEMPLATES[name]
    subject_id, text_id = template_render(template, _sample(template), "id")
    subject_en, text_en = template_render(template, _sample(template), "en")
    for variable in template.variables:  # every variable reaches the text or the subject
        assert f"<{variable}>" in text_id + subject_id
    assert text_id != text_en  # translated, not English shown to Indonesian readers
    assert "%(" not in text_id + text_en


def test_whatsapp_templates_number_their_variables_in_the_order_they_are_sent():
    definitions = {(d.name, d.language): d for d in whatsapp_template_definitions()}
    pickup = definitions[("coopmart_order_placed_pickup", "id")]
    assert pickup.body.startswith("Terima kasih! Pesanan Anda {{1}} ({{2}}) sudah kami terima. "
                                  "Kode ambil: {{3}} di {{4}}. Lihat pesanan: {{5}}")
    assert pickup.variables == ["number", "total", "code", "store", "link"]
    assert definitions[("coopmart_code_sign_in", "en")].category == "AUTHENTICATION"
    assert ("coopmart_reply_help", "id") not in definitions  # free text inside 24 hours
