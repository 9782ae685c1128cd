"""The PostgreSQL backend: a weighted `indonesian` text-search vector per product (GIN
index), typo tolerance from pg_trgm on the cooperative's own words, synonyms at query time,
and prefix matching on the names' plain words for suggestions."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Value, When
from django.db.models.expressions import RawSQL

from ..models import Category, Product
from ..selectors import halal_now
from .text import ParsedQuery

CONFIG = "indonesian"
# A known word also matches catalog words this close (regional spellings: kripik, keripik);
# an unknown word (a typo) takes the closest few above pg_trgm's threshold (0.3).
KNOWN_WORD_SIMILARITY = 0.5
TYPO_CANDIDATES = 3
PRICE_BUCKETS = [(0, 9_999), (10_000, 24_999), (25_000, 49_999), (50_000, 99_999),
                 (100_000, 249_999), (250_000, None)]

# The texts of each product: A name and SKUs, B categories (with their parents), seller,
# variant names and attribute values, C the description without its HTML.
_DOCUMENTS = """
WITH docs AS (
  SELECT p.id, p.cooperative_id,
    lower(unaccent(concat_ws(' ', p.name, (
      -- SKUs as their parts (EMP-YT-250: emp yt 250), as a shopper's query is read
      SELECT string_agg(regexp_replace(v.sku, '[^[:alnum:]]+', ' ', 'g'), ' ')
      FROM catalog_productvariant v WHERE v.product_id = p.id
    )))) AS a,
    lower(unaccent(concat_ws(' ', (
      SELECT string_agg(up.name, ' ') FROM catalog_category up
      WHERE c.path LIKE up.path || '%%' AND up.cooperative_id = p.cooperative_id
    ), s.business_name, (
      SELECT string_agg(e.value, ' ') FROM jsonb_each_text(p.attributes) e
    ), (
      SELECT string_agg(concat_ws(' ', v.name, (
        SELECT string_agg(e.value, ' ') FROM jsonb_each_text(v.attributes) e)), ' ')
      FROM catalog_productvariant v WHERE v.product_id = p.id
    )))) AS b,
    lower(unaccent(regexp_replace(p.description, '<[^>]*>', ' ', 'g'))) AS c,
    lower(unaccent(p.name)) AS n,
    ARRAY(SELECT v.price FROM catalog_productvariant v WHERE v.product_id = p.id) AS prices
  FROM catalog_product p
  JOIN catalog_seller s ON s.id = p.seller_id
  LEFT JOIN catalog_category c ON c.id = p.category_id
  WHERE {where}
), updated AS (
  UPDATE catalog_product p SET
    search_vector = setweight(to_tsvector('indonesian', d.a), 'A')
      || setweight(to_tsvector('indonesian', d.b), 'B')
      || setweight(to_tsvector('indonesian', d.c), 'C'),
    suggest_vector = to_tsvector('simple', d.n),
    search_prices = d.prices
  FROM docs d WHERE p.id = d.id
  RETURNING p.cooperative_id
), words AS (
  INSERT INTO catalog_searchword (cooperative_id, word)
  SELECT DISTINCT d.cooperative_id, w
  FROM docs d, regexp_split_to_table(concat_ws(' ', d.a, d.b, d.c), '[^a-z0-9]+') AS w
  WHERE length(w) BETWEEN 3 AND 60 AND w !~ '^[0-9]+$'
  ON CONFLICT (cooperative_id, word) DO NOTHING
)
SELECT DISTINCT cooperative_id FROM updated
"""

_SIMILAR_WORDS = """
SELECT q.w, s.word, s.sim
FROM unnest(%s::text[]) AS q(w)
JOIN LATERAL (
  SELECT word, similarity(word, q.w) AS sim FROM catalog_searchword
  WHERE cooperative_id = %s AND word %% q.w
  ORDER BY sim DESC, word LIMIT 6
) s ON true
"""


def index_products(product_ids) -> list[int]:
    """Refresh the vectors of these products (and the cooperative's word list), now.
    Returns the cooperatives they belong to."""
    product_ids = list(product_ids)
    if not product_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENTS.format(where="p.id = ANY(%s)"), [product_ids])
        return [row[0] for row in cursor.fetchall()]


def forget_words(cooperative_id: int) -> None:
    """Before a full rebuild: words of deleted or renamed products go."""
    from ..models import SearchWord

    SearchWord.objects.filter(cooperative_id=cooperative_id).delete()


def _similar_words(cooperative_id: int, words: list[str]) -> dict[str, list[tuple[str, float]]]:
    found: dict[str, list[tuple[str, float]]] = {w: [] for w in words}
    with connection.cursor() as cursor:
        cursor.execute(_SIMILAR_WORDS, [words, cooperative_id])
        for word, similar, similarity in cursor.fetchall():
            found[word].append((similar, similarity))
    return found


def _term(term: str) -> str:
    """A word, or a phrase (minyak goreng) as words that follow each other."""
    parts = term.split()
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def tsqueries(cooperative_id: int, parsed: ParsedQuery) -> tuple[str, str | None]:
    """(everything that must match, the words as typed for ranking, or None when that would
    rank the same): raw to_tsquery text over [a-z0-9] words only, so nothing a shopper types
    can break its syntax."""
    similar = _similar_words(cooperative_id, parsed.words)
    groups, exact, optional = [], [], False
    for word in parsed.words:
        known = any(w == word for w, _ in similar[word])
        if known:
            extra = [w for w, s in similar[word] if w != word and s >= KNOWN_WORD_SIMILARITY]
        else:
            extra = [w for w, _ in similar[word][:TYPO_CANDIDATES]]
        synonyms = parsed.synonyms.get(word, [])
        if not known and not extra and not synonyms and len(parsed.words) > 1:
            # A word nothing in this catalog has ("kopi enak"), or a number or a short word
            # the word list does not keep: not required (a code typed whole is, below), it
            # only ranks what has it first.
            exact.append(word)
            optional = True
            continue
        alternatives = list(dict.fromkeys([word, *synonyms, *extra]))
        groups.append("(" + " | ".join(_term(a) for a in alternatives) + ")")
        exact.append(word)
    groups += [_term(code) for code in parsed.codes]
    if not groups:
        groups = exact = parsed.words[:1]
        optional = False
    expanded = optional or any(" | " in group for group in groups)
    return " & ".join(groups), " | ".join(exact) if expanded else None


def search(queryset, cooperative_id: int, parsed: ParsedQuery, queries=None):
    """The matching products, annotated with `search_rank` (words as typed count double).
    `queries`: tsqueries() of the same words, when the caller has them already."""
    matching, typed = queries or tsqueries(cooperative_id, parsed)
    query = SearchQuery(matching, search_type="raw", config=CONFIG)
    rank = SearchRank(F("search_vector"), query)
    if typed is not None:
        rank = rank + SearchRank(F("search_vector"),
                                 SearchQuery(typed, search_type="raw", config=CONFIG))
    return queryset.filter(search_vector=query).annotate(
        search_rank=_name_coverage(matching) + rank)


def _name_coverage(matching: str):
    """How many of the words asked for (each with its spellings) the product's name and SKUs
    have: a whole point each, above any text rank, so Keripik Singkong (both words) comes
    before Kripik Pisang (one, as typed) for "kripik singkong"."""
    groups = matching.split(" & ")
    if len(groups) < 2:
        return Value(0.0)
    in_name = [Case(When(search_vector=SearchQuery(
        re.sub(r"[a-z0-9]+", r"\g<0>:A", group), search_type="raw", config=CONFIG),
        then=Value(1.0)), default=Value(0.0)) for group in groups]
    return sum(in_name[1:], in_name[0])


# -- one pass over the matches: the best ids, the total and the facets -----------------------
# The rank rides in the count column (scaled): the best ids come back in order.
_TOP = """SELECT 'top', m.id, '', '', (m.rank * 1e9)::bigint FROM m
  ORDER BY m.rank DESC, m.id LIMIT {window}"""
_TOTAL = """SELECT 'total', 0, '', '', count(*) FROM m"""
_FACETS = """
SELECT 'category', c.id, c.name, c.slug, n.count FROM (
  SELECT category_id, count(*) AS count FROM m GROUP BY category_id) n
  JOIN catalog_category c ON c.id = n.category_id
UNION ALL
SELECT 'seller', s.id, s.business_name, s.slug, n.count FROM (
  SELECT seller_id, count(*) AS count FROM m GROUP BY seller_id) n
  JOIN catalog_seller s ON s.id = n.seller_id
UNION ALL
SELECT 'price', b.bucket, '', '', count(*) FROM m, LATERAL (
  SELECT DISTINCT CASE {buckets} END AS bucket FROM unnest(m.prices) AS price) b
  WHERE b.bucket IS NOT NULL GROUP BY b.bucket
UNION ALL
SELECT 'halal', 0, '', '', count(*) FILTER (WHERE m.halal) FROM m
UNION ALL
SELECT 'in_stock', 0, '', '', count(*) FROM ({in_stock}) i
"""


def summary(queryset, *, window: int = 0, with_facets: bool = True) -> dict:
    """In one statement over the matching products (read once): the `window` best ids by
    `search_rank`, the total, and the facets: categories, sellers, price ranges (a product
    counts in each range one of its variants is in, as the price filter finds it), halal and
    in stock (counted over all matches, not just a page)."""
    from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Value

    from inventory.models import Stock
    from inventory.selectors import free_units_of_products

    if "search_rank" not in queryset.query.annotations:
        queryset = queryset.annotate(search_rank=Value(0.0))
    matched = queryset.order_by().annotate(halal_facet=ExpressionWrapper(
        halal_now(), output_field=BooleanField())).values_list(
        "pk", "search_rank", "category_id", "seller_id", "halal_facet", "search_prices")
    matched_sql, params = matched.query.sql_with_params()
    parts = [f"({_TOP.format(window=int(window))})"] if window else []
    parts.append(_TOTAL)
    if with_facets:
        # Units on a shelf first (a semi-join), then the exact free units of those only.
        shelved = Stock.objects.filter(variant__product=OuterRef("pk"),
                                       location__is_active=True, on_hand__gt=F("allocated"))
        in_stock = Product.objects.filter(pk__in=RawSQL("SELECT id FROM m", ())).filter(
            Exists(shelved)).alias(free_units_facet=free_units_of_products()).filter(
            free_units_facet__gt=0).values("pk")
        in_stock_sql, in_stock_params = in_stock.query.sql_with_params()
        buckets = " ".join(
            f"WHEN price >= {int(low)}" + (f" AND price <= {int(high)}" if high else "")
            + f" THEN {n}" for n, (low, high) in enumerate(PRICE_BUCKETS))
        parts.append(_FACETS.format(buckets=buckets, in_stock=in_stock_sql))
        params = (*params, *in_stock_params)
    sql = (f"WITH m(id, rank, category_id, seller_id, halal, prices) AS MATERIALIZED "
           f"({matched_sql}) " + " UNION ALL ".join(parts))
    facets = {"categories": [], "sellers": [], "halal": 0, "in_stock": 0}
    top, prices = [], {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, pk, name, slug, count in cursor.fetchall():
            if kind == "top":
                top.append((-count, pk))
            elif kind in ("category", "seller"):
                key = "categories" if kind == "category" else "sellers"
                facets[key].append({"id": pk, "name": name, "slug": slug, "count": count})
            elif kind == "price":
                prices[pk] = count
            else:
                facets[kind] = count
    for key in ("categories", "sellers"):
        facets[key].sort(key=lambda row: (-row["count"], row["name"]))
    facets["price_ranges"] = [{"min": low, "max": high, "count": prices.get(n, 0)}
                              for n, (low, high) in enumerate(PRICE_BUCKETS)]
    facets["total"] = facets.pop("total", 0)
    return {"ids": [pk for _, pk in sorted(top)], "total": facets["total"],
            "facets": facets if with_facets else None}


def facets(queryset) -> dict:
    return summary(queryset)["facets"]


# -- suggestions ------------------------------------------------------------------------------
def suggest(visible_products, cooperative_id: int, words: list[str], limit: int) -> list[dict]:
    """Product names and categories whose words start with what was typed (every word; the
    last one may be unfinished), names that start with it first."""
    prefix = " & ".join(f"{w}:*" for w in words)
    query = SearchQuery(prefix, search_type="raw", config="simple")
    typed = " ".join(words)
    # Rank a bounded set of candidates: a one-letter prefix must not sort the catalog.
    candidates = visible_products.filter(suggest_vector=query).order_by()[:200]
    products = Product.objects.filter(pk__in=candidates.values("pk")).annotate(
        starts=RawSQL("lower(unaccent(catalog_product.name)) LIKE %s",
                      (typed.replace("%", "") + "%",)),
        rank=SearchRank(F("suggest_vector"), query)).order_by(
        "-starts", "-rank", "name", "pk").values("pk", "name", "slug")[:limit]
    return category_suggestions(cooperative_id, words, limit) + [
        {"kind": "product", **row} for row in products]


def category_suggestions(cooperative_id: int, words: list[str], limit: int) -> list[dict]:
    """Categories with a word starting with each typed word, in order."""
    pattern = r"(^|\s)" + r".*\s".join(words)
    return [{"kind": "category", **row} for row in Category.objects.filter(
        cooperative_id=cooperative_id).alias(
        plain=RawSQL("lower(unaccent(catalog_category.name))", ())).filter(
        plain__regex=pattern).order_by("depth", "name").values("pk", "name", "slug")[:limit]]
