"""The PostgreSQL backend: a weighted `indonesian` text-search vector per product (GIN
index), typo tolerance from pg_trgm on the cooperative's own words, synonyms at query time,
and prefix matching on the names' plain words for suggestions."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

from ..models import Category, Product, ProductVariant
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
      SELECT string_agg(v.sku, ' ') FROM catalog_productvariant v WHERE v.product_id = p.id
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
    lower(unaccent(p.name)) AS n
  FROM catalog_product p
  JOIN catalog_seller s ON s.id = p.seller_id
  LEFT JOIN catalog_category c ON c.id = p.category_id
  WHERE {where}
), updated AS (
  UPDATE catalog_product p SET
    search_vector = setweight(to_tsvector('indonesian', d.a), 'A')
      || setweight(to_tsvector('indonesian', d.b), 'B')
      || setweight(to_tsvector('indonesian', d.c), 'C'),
    suggest_vector = to_tsvector('simple', d.n)
  FROM docs d WHERE p.id = d.id
  RETURNING p.id
)
INSERT INTO catalog_searchword (cooperative_id, word)
SELECT DISTINCT d.cooperative_id, w
FROM docs d, regexp_split_to_table(concat_ws(' ', d.a, d.b, d.c), '[^a-z0-9]+') AS w
WHERE length(w) BETWEEN 3 AND 60 AND w !~ '^[0-9]+$'
ON CONFLICT (cooperative_id, word) DO NOTHING
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


def index_products(product_ids) -> None:
    """Refresh the vectors of these products (and the cooperative's word list), now."""
    product_ids = list(product_ids)
    if product_ids:
        with connection.cursor() as cursor:
            cursor.execute(_DOCUMENTS.format(where="p.id = ANY(%s)"), [product_ids])


def index_where(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENTS.format(where=sql), params)


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


def tsqueries(cooperative_id: int, parsed: ParsedQuery) -> tuple[str, str]:
    """(everything that may match, the words as typed): raw to_tsquery text over [a-z0-9]
    words only, so nothing a shopper types can break its syntax."""
    similar = _similar_words(cooperative_id, parsed.words)
    groups, exact = [], []
    for word in parsed.words:
        known = any(w == word for w, _ in similar[word])
        if known:
            extra = [w for w, s in similar[word] if w != word and s >= KNOWN_WORD_SIMILARITY]
        else:
            extra = [w for w, _ in similar[word][:TYPO_CANDIDATES]]
        synonyms = parsed.synonyms.get(word, [])
        if not known and not extra and not synonyms and len(parsed.words) > 1:
            continue  # a word nothing in this catalog has ("kopi enak"): do not require it
        alternatives = list(dict.fromkeys([word, *synonyms, *extra]))
        groups.append("(" + " | ".join(_term(a) for a in alternatives) + ")")
        exact.append(word)
    if not groups:
        groups = exact = parsed.words[:1]
    return " & ".join(groups), " | ".join(exact)


def search(queryset, cooperative_id: int, parsed: ParsedQuery):
    """The matching products, annotated with `search_rank` (words as typed count double)."""
    matching, typed = tsqueries(cooperative_id, parsed)
    query = SearchQuery(matching, search_type="raw", config=CONFIG)
    typed_query = SearchQuery(typed, search_type="raw", config=CONFIG)
    return queryset.filter(search_vector=query).annotate(
        search_rank=SearchRank(F("search_vector"), query)
        + SearchRank(F("search_vector"), typed_query))


# -- facets -----------------------------------------------------------------------------------
def facets(queryset) -> dict:
    """Counts over every matching product (not just the page): categories, sellers, price
    ranges (a product counts in each range one of its variants is in, as the price filter
    finds it), halal and in stock."""
    from inventory.selectors import free_units_of_products

    queryset = queryset.order_by()
    categories = [
        {"id": row["category"], "name": row["category__name"], "slug": row["category__slug"],
         "count": row["count"]}
        for row in queryset.exclude(category=None).values(
            "category", "category__name", "category__slug").annotate(
            count=Count("pk")).order_by("-count", "category__name")]
    sellers = [
        {"id": row["seller"], "name": row["seller__business_name"],
         "slug": row["seller__slug"], "count": row["count"]}
        for row in queryset.values("seller", "seller__business_name", "seller__slug").annotate(
            count=Count("pk")).order_by("-count", "seller__business_name")]
    bucket = Case(*[When(Q(price__gte=low) & (Q(price__lte=high) if high is not None else Q()),
                         then=Value(n)) for n, (low, high) in enumerate(PRICE_BUCKETS)],
                  output_field=IntegerField())
    counts = dict(ProductVariant.objects.filter(product__in=queryset.values("pk")).annotate(
        bucket=bucket).values("bucket").annotate(count=Count("product", distinct=True))
        .values_list("bucket", "count"))
    prices = [{"min": low, "max": high, "count": counts.get(n, 0)}
              for n, (low, high) in enumerate(PRICE_BUCKETS)]
    totals = queryset.alias(free_units_facet=free_units_of_products()).aggregate(
        total=Count("pk"), halal=Count("pk", filter=halal_now()),
        in_stock=Count("pk", filter=Q(free_units_facet__gt=0)))
    return {"categories": categories, "sellers": sellers, "price_ranges": prices,
            "halal": totals["halal"], "in_stock": totals["in_stock"], "total": totals["total"]}


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
