"""Text for the terminal: file names, metadata and article words may hold control characters."""

from __future__ import annotations

import re

# C0 and C1 controls (a newline would split an error line; ESC starts a terminal escape
# sequence) and the bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value: object) -> str:
    """``str(value)`` with every control character shown as an escape: ``\\n``, ``\\x1b``."""
    return _UNPRINTABLE.sub(_escape, str(value))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
