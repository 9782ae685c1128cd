"""The cooperative's synonym list for search (kerupuk = krupuk, hp = handphone)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.error_codes import CommonErrorCode

from ..models import SearchSynonym
from ..search.text import MAX_WORD_LENGTH, forget_synonyms, normalize

MAX_TERMS = 20


def _clean_terms(terms) -> list[str]:
    cleaned = []
    for term in terms or []:
        plain = " ".join(normalize(term or "").split()[:3])
        if len(plain) > MAX_WORD_LENGTH:
            raise ValidationError({"terms": ValidationError(
                _("A word may have at most %(n)d letters.") % {"n": MAX_WORD_LENGTH},
                code=CommonErrorCode.INVALID)})
        if plain and plain not in cleaned:
            cleaned.append(plain)
    if len(cleaned) < 2:
        raise ValidationError({"terms": ValidationError(
            _("Give at least two different words that mean the same."),
            code=CommonErrorCode.REQUIRED)})
    if len(cleaned) > MAX_TERMS:
        raise ValidationError({"terms": ValidationError(
            _("A synonym group may have at most %(n)d words.") % {"n": MAX_TERMS},
            code=CommonErrorCode.INVALID)})
    return cleaned


def _forget_after_commit(cooperative_id: int) -> None:
    """PostgreSQL reads synonyms at query time; Elasticsearch has them in its analyzer, so
    its index is rebuilt (into a new index, then the alias moves)."""
    from ..search import elasticsearch_enabled
    from ..tasks import rebuild_search_index

    forget_synonyms(cooperative_id)
    transaction.on_commit(lambda: forget_synonyms(cooperative_id))
    if elasticsearch_enabled():
        transaction.on_commit(lambda: rebuild_search_index.delay(cooperative_id))


@transaction.atomic
def search_synonym_create(cooperative, terms) -> SearchSynonym:
    synonym = SearchSynonym.objects.create(cooperative=cooperative, terms=_clean_terms(terms))
    _forget_after_commit(cooperative.pk)
    return synonym


@transaction.atomic
def search_synonym_update(synonym: SearchSynonym, terms) -> SearchSynonym:
    synonym.terms = _clean_terms(terms)
    synonym.save()
    _forget_after_commit(synonym.cooperative_id)
    return synonym


@transaction.atomic
def search_synonym_delete(synonym: SearchSynonym) -> None:
    cooperative_id = synonym.cooperative_id
    synonym.delete()
    _forget_after_commit(cooperative_id)
