"""Descriptions are rich text from sellers: keep simple formatting, drop everything that runs.

The seller portal edits a description as plain text (paragraphs between blank lines): the box
shows `description_as_text` of the stored HTML, never its tags, and what the seller types is
stored as `description_from_text` (escaped, so shoppers see exactly what was typed)."""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4",
                "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}

_BLOCK_END = re.compile(r"</(p|h3|h4|blockquote|ul|ol)\s*>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>|</li\s*>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li(\s[^>]*)?>", re.IGNORECASE)


def sanitize_description(html_text: str) -> str:
    return nh3.clean(html_text or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="nofollow noopener").strip()


def description_as_text(html_text: str) -> str:
    """The words of a stored description as a person would type them: no tags."""
    text = _BLOCK_END.sub("\n\n", html_text or "")
    text = _LIST_ITEM.sub("- ", _LINE_BREAK.sub("\n", text))
    text = html.unescape(nh3.clean(text, tags=set()))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def description_from_text(text: str) -> str:
    """Typed text as a description: a paragraph per blank-line block, line breaks kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>"
                   for p in paragraphs if p)
