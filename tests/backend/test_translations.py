"""People see coop-mart in Bahasa Indonesia first: every message has its translation."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "id" / "LC_MESSAGES"


def test_every_message_is_translated_to_indonesian():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_catalog_matches_the_source():
    po = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "django.po")).translated_entries()}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(LOCALE / "django.mo"))}
    assert mo == po
