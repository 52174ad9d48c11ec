"""Parse modes: turn HTML or Markdown text into plain text plus message entities, as Telegram does.

Offsets and lengths are in UTF-16 code units, like Telegram's. Mistakes Telegram refuses (an unknown or
unclosed tag, an unescaped reserved character in MarkdownV2) raise ``EntityError`` with Telegram's
wording, so a bot that would fail in production fails here too.
"""

import html
import re
from dataclasses import dataclass, field
from typing import Any


class EntityError(Exception):
    """Text the parse mode cannot parse; the message follows "can't parse entities: "."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Builder:
    text: str = ""
    entities: list[dict[str, Any]] = field(default_factory=list)

    @property
    def offset(self) -> int:
        return utf16_len(self.text)

    def close(self, kind: str, start: int, **extra: Any) -> None:
        length = self.offset - start
        if length > 0:
            self.entities.append({"type": kind, "offset": start, "length": length, **extra})

    def result(self) -> tuple[str, list[dict[str, Any]]]:
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return self.text, self.entities


def parse(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    if parse_mode is None or parse_mode == "":
        return text, []
    match parse_mode.lower():
        case "html":
            return _parse_html(text)
        case "markdownv2":
            return _parse_markdown(text, version=2)
        case "markdown":
            return _parse_markdown(text, version=1)
    raise EntityError(f"unsupported parse_mode {parse_mode!r}")


_HTML_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^>]*)?)>|<|&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);")
_HTML_KINDS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")


def _parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    out = _Builder()
    open_tags: list[tuple[str, int, dict[str, Any]]] = []
    position = 0
    for token in _HTML_TOKEN.finditer(source):
        out.text += source[position : token.start()]
        position = token.end()
        byte_offset = len(source[: token.start()].encode())
        closing, tag, attributes, entity = token[1], (token[2] or "").lower(), token[3] or "", token[4]
        if entity is not None:
            decoded = html.unescape(token[0])
            if decoded == token[0]:
                raise EntityError(f'Unsupported HTML entity "{token[0]}" at byte offset {byte_offset}')
            out.text += decoded
        elif not tag:
            raise EntityError(f"Unclosed start tag at byte offset {byte_offset}")
        elif tag not in _HTML_KINDS:
            which = "end" if closing else "start"
            raise EntityError(f'Unsupported {which} tag "{tag}" at byte offset {byte_offset}')
        elif closing:
            if not open_tags:
                raise EntityError(f"Unexpected end tag at byte offset {byte_offset}")
            expected, start, extra = open_tags.pop()
            if expected != tag:
                raise EntityError(
                    f'Unmatched end tag at byte offset {byte_offset}, expected "</{expected}>", '
                    f'found "</{tag}>"'
                )
            _close_html(out, tag, start, extra, open_tags)
        else:
            values = {
                match[1].lower(): html.unescape(match[2] or match[3] or match[4] or "")
                for match in _ATTRIBUTE.finditer(attributes)
            }
            if tag == "span" and values.get("class") != "tg-spoiler":
                raise EntityError(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset}')
            if tag == "a" and not values.get("href"):
                raise EntityError(f'Tag "a" must have attribute "href" at byte offset {byte_offset}')
            open_tags.append((tag, out.offset, values))
    out.text += source[position:]
    if open_tags:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"')
    return out.result()


def _close_html(
    out: _Builder, tag: str, start: int, values: dict[str, Any], open_tags: list[tuple[str, int, dict]]
) -> None:
    kind = _HTML_KINDS[tag]
    if tag == "a":
        out.close("text_link", start, url=values["href"])
    elif tag == "code" and open_tags and open_tags[-1][0] == "pre" and "class" in values:
        open_tags[-1][2]["language"] = values["class"].removeprefix("language-")
    elif tag == "pre" and "language" in values:
        out.close("pre", start, language=values["language"])
    elif tag == "blockquote" and "expandable" in values:
        out.close("expandable_blockquote", start)
    elif tag == "tg-emoji":
        out.close(kind, start, custom_emoji_id=values.get("emoji-id", ""))
    else:
        out.close(kind, start)


_MARKDOWN_V2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MARKDOWN_V2_MARKS = (("```", "pre"), ("||", "spoiler"), ("__", "underline"), ("`", "code"))
_MARKDOWN_V2_SINGLE = {"*": "bold", "_": "italic", "~": "strikethrough"}
_MARKDOWN_V1_SINGLE = {"*": "bold", "_": "italic"}


def _parse_markdown(source: str, *, version: int) -> tuple[str, list[dict[str, Any]]]:
    """MarkdownV2 (``version=2``) or the legacy Markdown (``version=1``); nesting only in V2."""
    out = _Builder()
    open_marks: list[tuple[str, int, int]] = []  # (mark, text offset, byte offset in source)
    link_starts: list[int] = []
    index = 0
    while index < len(source):
        char = source[index]
        byte_offset = len(source[:index].encode())
        if char == "\\" and index + 1 < len(source) and (version == 2 or source[index + 1] in "_*`["):
            out.text += source[index + 1]
            index += 2
            continue
        if char == "`":
            mark = "```" if source.startswith("```", index) else "`"
            end = _find_unescaped(source, mark, index + len(mark))
            if end < 0:
                raise EntityError(f"Can't find end of the entity starting at byte offset {byte_offset}")
            body = source[index + len(mark) : end]
            language = None
            if mark == "```" and "\n" in body:
                first_line, rest = body.split("\n", 1)
                language, body = (first_line.strip() or None), rest
            start = out.offset
            out.text += re.sub(r"\\([`\\])", r"\1", body) if version == 2 else body
            extra = {"language": language} if language else {}
            out.close("pre" if mark == "```" else "code", start, **extra)
            index = end + len(mark)
            continue
        if char == "[":
            link_starts.append(out.offset)
            index += 1
            continue
        if char == "]" and link_starts:
            url_match = re.match(r"\]\(((?:\\.|[^)\\])*)\)", source[index:])
            if not url_match:
                raise EntityError(f"Can't find end of the entity starting at byte offset {byte_offset}")
            url = re.sub(r"\\(.)", r"\1", url_match[1])
            out.close("text_link", link_starts.pop(), url=url)
            index += url_match.end()
            continue
        mark = _markdown_mark(source, index, version)
        if mark is not None:
            if open_marks and open_marks[-1][0] == mark:
                _, start, _ = open_marks.pop()
                out.close(_mark_kind(mark, version), start)
            elif any(open_mark == mark for open_mark, _, _ in open_marks) or (version == 1 and open_marks):
                raise EntityError(f"Can't find end of the entity starting at byte offset {byte_offset}")
            else:
                open_marks.append((mark, out.offset, byte_offset))
            index += len(mark)
            continue
        if version == 2 and char in _MARKDOWN_V2_RESERVED:
            raise EntityError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        out.text += char
        index += 1
    if open_marks:
        raise EntityError(f"Can't find end of the entity starting at byte offset {open_marks[-1][2]}")
    if link_starts:
        raise EntityError("Can't find end of a text link")
    return out.result()


def _markdown_mark(source: str, index: int, version: int) -> str | None:
    if version == 2:
        for mark, _kind in _MARKDOWN_V2_MARKS[1:3]:
            if source.startswith(mark, index):
                return mark
        return source[index] if source[index] in _MARKDOWN_V2_SINGLE else None
    return source[index] if source[index] in _MARKDOWN_V1_SINGLE else None


def _mark_kind(mark: str, version: int) -> str:
    if version == 2:
        return dict(_MARKDOWN_V2_MARKS).get(mark) or _MARKDOWN_V2_SINGLE[mark]
    return _MARKDOWN_V1_SINGLE[mark]


def _find_unescaped(source: str, mark: str, start: int) -> int:
    index = start
    while (index := source.find(mark, index)) >= 0:
        if source[index - 1] != "\\":
            return index
        index += 1
    return -1
