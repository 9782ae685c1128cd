"""A labelled set of Indonesian shopper queries against the demo catalog (catalog/demo.py)
of Koperasi Konsumen Sejahtera Serang: each query with the product slugs that should come
back. Typos, regional spellings, affixed forms, multi-word and SKU queries."""

import math

QUERIES: dict[str, set[str]] = {
    # plain words
    "emping": {"emping-melinjo-original", "emping-melinjo-pedas-manis", "emping-jagung-manis"},
    "keripik": {"keripik-singkong-balado", "kripik-pisang-manis", "keripik-tempe-sagu",
                "keripik-talas-original"},
    "kopi": {"kopi-robusta-bubuk-gunung-karang", "kopi-robusta-biji-sangrai",
             "kopi-susu-gula-aren-siap-seduh"},
    "batik": {"kemeja-batik-banten-pria", "kain-batik-tulis-motif-pamaranggen",
              "daster-batik-wanita", "casing-handphone-motif-batik"},
    "sambal": {"sambal-bawang-pedas", "sambal-terasi-matang", "sambal-cumi-asin"},
    "beras": {"beras-pandan-wangi", "beras-merah-organik", "beras-ketan-putih"},
    "gula": {"gula-pasir", "gula-aren-cetak-baduy", "kopi-susu-gula-aren-siap-seduh"},
    "dodol": {"dodol-durian-asli", "dodol-nanas"},
    "abon": {"abon-sapi-pedas", "abon-ikan-tuna"},
    "madu": {"madu-hutan-baduy"},
    "teh": {"teh-hijau-melati"},
    "telur": {"telur-ayam-kampung"},
    "tepung": {"tepung-terigu-serbaguna"},
    "rengginang": {"rengginang-ketan-terasi"},
    "nastar": {"kue-kering-nastar-keju"},
    # typos
    "empng": {"emping-melinjo-original", "emping-melinjo-pedas-manis", "emping-jagung-manis"},
    "emping melinjoo": {"emping-melinjo-original", "emping-melinjo-pedas-manis"},
    "kopii robusta": {"kopi-robusta-bubuk-gunung-karang", "kopi-robusta-biji-sangrai"},
    "sambl bawang": {"sambal-bawang-pedas"},
    "dodl durian": {"dodol-durian-asli"},
    "keriping singkong": {"keripik-singkong-balado"},
    "batk": {"kemeja-batik-banten-pria", "kain-batik-tulis-motif-pamaranggen",
             "daster-batik-wanita", "casing-handphone-motif-batik"},
    "rengingang": {"rengginang-ketan-terasi"},
    "tepung terigo": {"tepung-terigu-serbaguna"},
    "madu hutan baduyy": {"madu-hutan-baduy"},
    # regional and informal spellings
    "kripik": {"keripik-singkong-balado", "kripik-pisang-manis", "keripik-tempe-sagu",
               "keripik-talas-original"},
    "krupuk": {"kerupuk-udang-mentah", "kerupuk-kulit-sapi", "kerupuk-bawang-putih"},
    "krupuk udang": {"kerupuk-udang-mentah"},
    "sambel terasi": {"sambal-terasi-matang"},
    "sambel": {"sambal-bawang-pedas", "sambal-terasi-matang", "sambal-cumi-asin"},
    "kripik pisang": {"kripik-pisang-manis"},
    "kripik singkong": {"keripik-singkong-balado"},
    "hp": {"casing-handphone-motif-batik"},
    "casing hp": {"casing-handphone-motif-batik"},
    "migor": {"minyak-goreng-sawit", "minyak-kelapa-murni"},
    "gula merah": {"gula-aren-cetak-baduy"},
    # affixed forms (the indonesian stemmer)
    "makanan ringan": {"emping-melinjo-original", "keripik-singkong-balado",
                       "kerupuk-udang-mentah", "dodol-durian-asli", "kripik-pisang-manis"},
    "minuman": {"kopi-robusta-bubuk-gunung-karang", "teh-hijau-melati", "madu-hutan-baduy",
                "kopi-robusta-biji-sangrai", "kopi-susu-gula-aren-siap-seduh"},
    "pedasnya": {"sambal-bawang-pedas"},
    "gorengan": {"tepung-terigu-serbaguna"},
    "kerajinan": {"kemeja-batik-banten-pria", "kain-batik-tulis-motif-pamaranggen",
                  "daster-batik-wanita", "casing-handphone-motif-batik"},
    # multi-word
    "keripik singkong balado": {"keripik-singkong-balado"},
    "emping melinjo pedas": {"emping-melinjo-pedas-manis"},
    "kopi bubuk": {"kopi-robusta-bubuk-gunung-karang"},
    "kopi robusta gunung karang": {"kopi-robusta-bubuk-gunung-karang",
                                   "kopi-robusta-biji-sangrai"},
    "kemeja batik pria": {"kemeja-batik-banten-pria"},
    "beras pandan wangi 5 kg": {"beras-pandan-wangi"},
    "minyak goreng": {"minyak-goreng-sawit", "minyak-kelapa-murni"},
    "abon sapi": {"abon-sapi-pedas"},
    "telur ayam kampung": {"telur-ayam-kampung"},
    "kopi gula aren": {"kopi-susu-gula-aren-siap-seduh"},
    "dodol nanas banten": {"dodol-nanas"},
    "kerupuk kulit": {"kerupuk-kulit-sapi"},
    "beras ketan": {"beras-ketan-putih", "rengginang-ketan-terasi"},
    "teh melati": {"teh-hijau-melati"},
    # seller, description, SKU
    "bu yati": {"emping-melinjo-original", "emping-melinjo-pedas-manis", "emping-jagung-manis"},
    "pandeglang": {"emping-melinjo-original", "kopi-robusta-bubuk-gunung-karang"},
    "EMP-YT-250": {"emping-melinjo-original"},
    "KOPI-GK-500": {"kopi-robusta-bubuk-gunung-karang"},
    "tanpa pengawet": {"sambal-bawang-pedas", "keripik-talas-original"},
    "kafé kopi": {"kopi-robusta-bubuk-gunung-karang", "kopi-robusta-biji-sangrai",
                  "kopi-susu-gula-aren-siap-seduh"},
}


# Queries whose best answer must come first: a product matching every word ranks above one
# matching only some (Kripik Pisang has "kripik" as typed, Keripik Singkong has both words).
FIRST: dict[str, str] = {
    "kripik singkong": "keripik-singkong-balado",
    "kripik pisang": "kripik-pisang-manis",
    "emping melinjo pedas": "emping-melinjo-pedas-manis",
    "kopi gula aren": "kopi-susu-gula-aren-siap-seduh",
}


def recall_at(found: list[str], relevant: set[str], k: int = 10) -> float:
    return len(set(found[:k]) & relevant) / min(len(relevant), k)


def ndcg_at(found: list[str], relevant: set[str], k: int = 10) -> float:
    gain = sum(1 / math.log2(i + 2) for i, slug in enumerate(found[:k]) if slug in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return gain / ideal
