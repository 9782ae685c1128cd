"""What a shopper typed, made into words both backends understand, with the cooperative's
synonyms beside each word."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.cache import cache

# A query is read up to here: a pasted page or a 5,000-character string still gets results
# from its first words, never an error or a slow query.
MAX_CHARS = 300
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
_NOT_A_WORD = re.compile(r"[^a-z0-9]+")
# A SKU or code typed whole: EMP-YT-250, BENCH-27661-S (letters and digits, joined, a digit)
_CODE = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:[-_/.][a-z0-9]+)+(?![a-z0-9])")


def normalize(text: str) -> str:
    """Lower case, accents off (kafé -> kafe), everything but letters and digits a space."""
    decomposed = unicodedata.normalize("NFKD", (text or "")[:MAX_CHARS])
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NOT_A_WORD.sub(" ", plain).strip()


def words_of(text: str) -> list[str]:
    words = []
    for word in normalize(text).split():
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def codes_of(text: str) -> list[str]:
    """SKU-like codes in the text, as their parts: "emp yt 250"."""
    decomposed = unicodedata.normalize("NFKD", (text or "")[:MAX_CHARS]).lower()
    codes = [normalize(c) for c in _CODE.findall(decomposed) if any(ch.isdigit() for ch in c)]
    return list(dict.fromkeys(c for c in codes if c))[:3]


@dataclass
class ParsedQuery:
    text: str
    words: list[str]
    # For each word: other words or phrases that mean the same in this cooperative.
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    # SKU-like codes, each as its parts ("emp yt 250"): all must match, in this order.
    codes: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.words)


def _synonyms_key(cooperative_id: int) -> str:
    return f"search:synonyms:{cooperative_id}"


def synonym_map(cooperative_id: int) -> dict[str, list[str]]:
    """word -> the other terms of its synonym groups (cached until a group changes)."""
    mapping = cache.get(_synonyms_key(cooperative_id))
    if mapping is None:
        from ..models import SearchSynonym

        mapping = {}
        for terms in SearchSynonym.objects.filter(cooperative_id=cooperative_id).values_list(
                "terms", flat=True):
            cleaned = [normalize(t) for t in terms if normalize(t)]
            for term in cleaned:
                others = mapping.setdefault(term, [])
                others += [t for t in cleaned if t != term and t not in others]
        cache.set(_synonyms_key(cooperative_id), mapping, 3600)
    return mapping


def forget_synonyms(cooperative_id: int) -> None:
    cache.delete(_synonyms_key(cooperative_id))


def parse(cooperative_id: int, text: str) -> ParsedQuery:
    words = words_of(text)
    mapping = synonym_map(cooperative_id) if words else {}
    return ParsedQuery(text=text or "", words=words, codes=codes_of(text),
                       synonyms={w: mapping[w] for w in words if w in mapping})
