"""Read the "text" field out of a JSON reply that is still streaming in."""

from __future__ import annotations

import re

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "\\": "\\", "/": "/"}


def partial_text(buffer: str, key: str = "text") -> str:
    """The decoded value of `key` so far in an incomplete JSON object ('' if not started).

    Stops before an escape sequence that has not fully arrived, so no half character shows.
    """
    m = re.search(rf'"{re.escape(key)}"\s*:\s*"', buffer)
    if m is None:
        return ""
    out: list[str] = []
    i = m.end()
    n = len(buffer)
    while i < n:
        c = buffer[i]
        if c == '"':
            break
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:
            break
        e = buffer[i + 1]
        if e != "u":
            out.append(_ESCAPES.get(e, e))
            i += 2
            continue
        digits = buffer[i + 2 : i + 6]
        if len(digits) < 4:
            break
        try:
            code = int(digits, 16)
        except ValueError:
            break
        if 0xD800 <= code < 0xDC00:  # a surrogate pair: wait for its second half
            low = buffer[i + 6 : i + 12]
            if len(low) < 6:
                break
            try:
                second = int(low[2:], 16)
            except ValueError:
                break
            out.append(chr(0x10000 + ((code - 0xD800) << 10) + (second - 0xDC00)))
            i += 12
            continue
        out.append(chr(code))
        i += 6
    return "".join(out)
