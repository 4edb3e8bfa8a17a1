"""Plain text files: UTF-8 (with or without BOM) and UTF-16/32 with a BOM."""

from __future__ import annotations

import codecs
from pathlib import Path

from impact.model import Article
from impact.readers.base import ReadError, path_problem

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class UndecodableError(ValueError):
    """Bytes that are not text in an encoding we accept; the message says why."""


def decode(data: bytes, *, newlines: bool = True) -> str:
    """The text of ``data``, BOM dropped, newlines made ``\\n`` as ``Path.read_text`` does
    (``newlines=False`` keeps them, for offsets into the file's text as it is)."""
    fix = _newlines if newlines else str
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return fix(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise UndecodableError(f"not valid {encoding} text ({error.reason} at byte {error.start})") from None
    if b"\x00" in data[:8192]:
        raise UndecodableError("binary file, not text (NUL bytes and no UTF-16 byte-order mark)")
    try:
        return fix(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex()
        raise UndecodableError(f"not UTF-8 text (byte 0x{byte} at offset {error.start}); save it as UTF-8") from None


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path) -> Article | ReadError:
    try:
        text = decode(path.read_bytes())
    except OSError as error:
        return ReadError(str(path), path_problem(error))
    except UndecodableError as error:
        return ReadError(str(path), str(error))
    if not text.strip():
        return ReadError(str(path), "empty file, no text")
    return Article(doc=path.stem, text=text, source_path=str(path))
