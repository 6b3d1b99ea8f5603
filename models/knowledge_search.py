"""Full-text search over published articles, one interface on SQLite and PostgreSQL.

Both databases index the same words the same way: lower-cased runs of letters and digits,
English stop words dropped (PostgreSQL's ``english`` list, shipped here), each word reduced
by the Snowball stemmer of the article's language. PostgreSQL does that itself with its
``indonesian`` and ``english`` text-search configurations into a weighted ``tsvector``
(title A, tags B, summary and body C) ranked by ``ts_rank``; SQLite cannot stem Indonesian,
so the words are stemmed here with PyStemmer (the same Snowball algorithms, the same stems)
and stored in an FTS5 table ranked by ``bm25`` with the same column order of importance.
"membimbing", "bimbingan" and "pembimbing" all become "bimbing" on both.

A query is tokenised once, here, and then matched per article language (an Indonesian
article is searched with Indonesian stems, an English one with English stems), so a query
in either language finds articles in either. Only published articles are in the index;
publishing, editing a published article and archiving keep it current (:func:`reindex`).
Results are ordered by score, then newest; a cursor is the last (score, id) seen.
Snippets mark matched words with ``**`` (Markdown bold) and are cut to a few dozen words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import Stemmer
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connection

from models.accounts import User
from models.errors import BadInput
from models.knowledge import Article, ArticleStatus, Language, Reach, reach_of
from models.sql import Params, dialect_of

MAX_QUERY = 200
MAX_TERMS = 12
SNIPPET_WORDS = 30
SNIPPET_CHARS = 400
CONFIG = {Language.ID: "indonesian", Language.EN: "english"}
# PostgreSQL's ts_rank weights are {D, C, B, A} = {0.1, 0.2, 0.4, 1.0}; bm25 gets the same
# order of importance for SQLite's (language, title, tags, body) columns
BM25_WEIGHTS = "0.0, 10.0, 4.0, 1.0"
_WORD = re.compile(r"\w+", re.UNICODE)
_STOP_WORDS = frozenset((Path(__file__).with_name("english_stopwords.txt")).read_text().split())


@cache
def _stemmer(language: Language) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(CONFIG[language])


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def stems(text: str, language: Language) -> list[str]:
    """The index terms of a text, as PostgreSQL's configuration for ``language`` makes them."""
    found = words(text)
    if language == Language.EN:
        found = [w for w in found if w not in _STOP_WORDS]
    return _stemmer(language).stemWords(found)


# --- the index ---------------------------------------------------------------------------


def _fields(article: Article) -> tuple[str, str, str]:
    return article.title, " ".join(article.tags), f"{article.summary}\n{article.body}"


async def reindex(article: Article) -> None:
    """Put a published article in the index (again), or take any other out."""
    conn = get_connection("default")
    published = article.status == ArticleStatus.PUBLISHED
    title, tags, body = _fields(article)
    language = Language(article.language)
    if dialect_of(conn) == "sqlite":
        await conn.execute_query("DELETE FROM knowledge_fts WHERE rowid = ?", [article.id])
        if published:
            await conn.execute_query(
                "INSERT INTO knowledge_fts (rowid, language, title, tags, body) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    article.id,
                    language.value,
                    " ".join(stems(title, language)),
                    " ".join(stems(tags, language)),
                    " ".join(stems(body, language)),
                ],
            )
        return
    await conn.execute_query("DELETE FROM knowledge_search WHERE article_id = $1", [article.id])
    if published:
        config = CONFIG[language]
        await conn.execute_query(
            "INSERT INTO knowledge_search (article_id, language, vector) VALUES ($1, $2, "
            f"setweight(to_tsvector('{config}', $3), 'A') || "
            f"setweight(to_tsvector('{config}', $4), 'B') || "
            f"setweight(to_tsvector('{config}', $5), 'C'))",
            [article.id, language.value, title, tags, body],
        )


# --- searching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    focus_area: str | None = None  # a slug, in whichever organisation
    tag: str | None = None
    language: Language | None = None
    author_id: int | None = None


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float
    snippet: str


def check_query(text: str) -> list[str]:
    text = text.strip()
    if len(text) > MAX_QUERY:
        raise BadInput(f"At most {MAX_QUERY} characters.", field="query")
    terms = words(text)
    if len(terms) > MAX_TERMS:
        raise BadInput(f"At most {MAX_TERMS} words.", field="query")
    return terms


def _visible_sql(reach: Reach) -> str:
    """Published articles the reader reaches; the ids are integers from the database."""
    clauses = ["a.visibility = 'public'"]
    if reach.organisation_ids:
        orgs = ",".join(str(int(i)) for i in sorted(reach.organisation_ids))
        clauses.append(f"(a.visibility = 'organisation' AND a.organisation_id IN ({orgs}))")
    if reach.programme_ids:
        progs = ",".join(str(int(i)) for i in sorted(reach.programme_ids))
        clauses.append(f"(a.visibility = 'programme' AND a.programme_id IN ({progs}))")
    return "a.status = 'published' AND (" + " OR ".join(clauses) + ")"


def _filter_sql(filters: Filters, p: Params) -> list[str]:
    where: list[str] = []
    if filters.language is not None:
        where.append(f"a.language = {p(Language(filters.language).value)}")
    if filters.focus_area is not None:
        where.append(
            "EXISTS (SELECT 1 FROM article_focus_areas f JOIN focus_areas fa "
            "ON fa.id = f.focusarea_id WHERE f.knowledge_articles_id = a.id "
            f"AND fa.slug = {p(filters.focus_area)})"
        )
    if filters.author_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM knowledge_authors w WHERE w.article_id = a.id "
            f"AND w.user_id = {p(filters.author_id)})"
        )
    if filters.tag is not None:
        if p.dialect == "sqlite":
            where.append(
                f"EXISTS (SELECT 1 FROM json_each(a.tags) t WHERE t.value = {p(filters.tag)})"
            )
        else:
            where.append(f"a.tags::jsonb ? {p(filters.tag)}")
    return where


def _fts5_match(terms: list[str]) -> str | None:
    """One FTS5 expression: each language's stems of every term, in that language's rows."""
    per_language: list[str] = []
    for language in Language:
        keys = stems(" ".join(terms), language)
        if not keys:
            continue
        all_of = " AND ".join(f'"{k}"' for k in keys)
        per_language.append(f'(language : "{language.value}" AND {{title tags body}} : ({all_of}))')
    return " OR ".join(per_language) or None


async def search(
    user: User | None,
    text: str,
    filters: Filters,
    first: int,
    after: tuple[float, int] | None = None,
) -> list[Hit]:
    """Up to ``first`` published articles the reader may see, best first. With no words to
    search for (an empty query), the newest articles matching the filters."""
    terms = check_query(text)
    reach = await reach_of(user)
    conn = get_connection("default")
    dialect = dialect_of(conn)
    p = Params(dialect)
    if not terms:
        source = "SELECT id, 0.0 AS score FROM knowledge_articles"
    elif dialect == "sqlite":
        match = _fts5_match(terms)
        if match is None:
            return []
        source = (
            f"SELECT rowid AS id, -bm25(knowledge_fts, {BM25_WEIGHTS}) AS score "
            f"FROM knowledge_fts WHERE knowledge_fts MATCH {p(match)}"
        )
    else:
        query = p(" ".join(terms))
        # each configuration's query is made once, not once a row
        source = (
            "SELECT article_id AS id, ts_rank(vector, CASE WHEN language = 'id' "
            "THEN qi ELSE qe END)::float8 AS score "
            f"FROM knowledge_search, plainto_tsquery('indonesian', {query}) qi, "
            f"plainto_tsquery('english', {query}) qe "
            "WHERE (language = 'id' AND vector @@ qi) OR (language = 'en' AND vector @@ qe)"
        )
    # placeholders are numbered (or, on SQLite, positional) in the order of the text
    where = [_visible_sql(reach), *_filter_sql(filters, p)]
    if after is not None:
        score, key = after
        s1, s2, k = p(float(score)), p(float(score)), p(int(key))
        where.append(f"(s.score < {s1} OR (s.score = {s2} AND s.id < {k}))")
    limit = p(int(first))
    sql = (
        f"SELECT s.id, s.score FROM ({source}) s JOIN knowledge_articles a ON a.id = s.id "
        f"WHERE {' AND '.join(where)} ORDER BY s.score DESC, s.id DESC LIMIT {limit}"
    )
    rows = await conn.execute_query_dict(sql, p.values)
    if not rows:
        return []
    articles = {a.id: a for a in await Article.filter(id__in=[r["id"] for r in rows])}
    snippets = await _snippets(conn, dialect, list(articles.values()), terms)
    return [
        Hit(articles[r["id"]], float(r["score"]), snippets.get(r["id"], ""))
        for r in rows
        if r["id"] in articles
    ]


# --- snippets ----------------------------------------------------------------------------


async def _snippets(
    conn: BaseDBAsyncClient, dialect: str, articles: list[Article], terms: list[str]
) -> dict[int, str]:
    if not terms or dialect == "sqlite":
        return {
            a.id: highlight(f"{a.summary}\n{a.body}", terms, Language(a.language)) for a in articles
        }
    out: dict[int, str] = {}
    options = (
        f"StartSel=**, StopSel=**, MaxWords={SNIPPET_WORDS}, MinWords=10, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    query = " ".join(terms)
    for language in Language:
        ids = [a.id for a in articles if a.language == language]
        if not ids:
            continue
        config = CONFIG[language]
        rows = await conn.execute_query_dict(
            f"SELECT id, ts_headline('{config}', left(summary || ' ' || body, 20000), "
            f"plainto_tsquery('{config}', $1), $2) AS snippet "
            f"FROM knowledge_articles WHERE id = ANY($3::int[])",
            [query, options, ids],
        )
        out.update({r["id"]: r["snippet"][:SNIPPET_CHARS] for r in rows})
    return out


def highlight(text: str, terms: list[str], language: Language) -> str:
    """A window of about ``SNIPPET_WORDS`` words around the first match, matches in ``**``
    (SQLite's own snippet() would show the stored stems, not the words people wrote)."""
    wanted = set(stems(" ".join(terms), language))
    tokens = list(_WORD.finditer(text[:20000]))
    if not tokens:
        return ""
    stemmer = _stemmer(language)
    hits = [i for i, m in enumerate(tokens) if stemmer.stemWord(m.group().lower()) in wanted]
    start = max(0, (hits[0] if hits else 0) - SNIPPET_WORDS // 3)
    window = tokens[start : start + SNIPPET_WORDS]
    marked = set(hits)
    pieces: list[str] = []
    cursor = window[0].start()
    for offset, match in enumerate(window, start=start):
        pieces.append(text[cursor : match.start()])
        word = match.group()
        pieces.append(f"**{word}**" if offset in marked else word)
        cursor = match.end()
    snippet = " ".join("".join(pieces).split())
    if start > 0:
        snippet = "… " + snippet
    if start + SNIPPET_WORDS < len(tokens):
        snippet += " …"
    return snippet[:SNIPPET_CHARS]
