"""Build bot/data/sudachi_synonyms.tsv.gz, the offline Japanese synonym table, from Sudachi's.

Source: the Sudachi synonym dictionary (Works Applications, Apache-2.0) in the binary form
that the PyPI package `chikkarpy` 0.1.0 ships (`chikkarpy/resources/system_synonym.dic`;
0.1.1 no longer carries it). Not a runtime dependency, and not imported: its format is read
here directly. To rebuild —

    pip download --no-deps --no-binary :all: chikkarpy==0.1.0 && tar xzf chikkarpy-0.1.0.tar.gz
    python -m benchmarks.build_thesaurus chikkarpy-0.1.0/chikkarpy/resources/system_synonym.dic

The binary file holds a header (272 bytes), a double-array trie from words to group ids (a
4-byte unit count, 4 bytes a unit), its id table (a 4-byte size, then that many bytes), and
the groups: a count, (group id, offset) pairs, then at each offset the group's words, each
with its lexeme ids, flags (bit 0: ambiguous) and category.

Kept: every word in Japanese script (words in Latin letters serve no Japanese piece), one
group per line in group-id order, tab-separated; an ambiguous word (曖昧性フラグ 1: the word
has other senses too, 気象 in the 天気 group) is marked with a leading `~`. Groups left with
one word are dropped.
"""

from __future__ import annotations

import argparse
import gzip
import re
import struct
from pathlib import Path

from bot.core.thesaurus import AMBIGUOUS, TABLE

HEADER = 8 + 8 + 256
_LATIN = re.compile(r"[\x00-\x7f\u00c0-\u024f ]+")


class _Reader:
    def __init__(self, data: bytes, at: int = 0) -> None:
        self.data = data
        self.at = at

    def int32(self) -> int:
        (v,) = struct.unpack_from("<i", self.data, self.at)
        self.at += 4
        return v

    def uint16(self) -> int:
        (v,) = struct.unpack_from("<H", self.data, self.at)
        self.at += 2
        return v

    def byte(self) -> int:
        self.at += 1
        return self.data[self.at - 1]

    def string(self) -> str:
        n = self.byte()
        if n >= 128:
            n = ((n & 0x7F) << 8) | self.byte()
        s = self.data[self.at : self.at + 2 * n].decode("utf-16-le")
        self.at += 2 * n
        return s

    def skip_shorts(self) -> None:
        n = self.byte()
        self.at += 2 * n


def read_groups(data: bytes) -> dict[int, list[tuple[str, bool]]]:
    """Group id → its words, each with whether it is ambiguous."""
    r = _Reader(data, HEADER)
    units = r.int32()
    r.at += 4 * units  # the trie
    table = r.int32()
    r.at += table  # its id table
    offsets: dict[int, int] = {}
    for _ in range(r.int32()):
        group = r.int32()
        offsets[group] = r.int32()
    groups: dict[int, list[tuple[str, bool]]] = {}
    for group, at in sorted(offsets.items()):
        g = _Reader(data, at)
        words = []
        for _ in range(g.uint16()):
            word = g.string()
            g.skip_shorts()  # lexeme ids
            flags = g.uint16()
            g.string()  # category
            words.append((word, bool(flags & 1)))
        groups[group] = words
    return groups


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dic", type=Path, help="system_synonym.dic (from chikkarpy 0.1.0)")
    args = parser.parse_args()
    lines = []
    for words in read_groups(args.dic.read_bytes()).values():
        kept = [(AMBIGUOUS if ambiguous else "") + w for w, ambiguous in words]
        kept = [w for w in kept if not _LATIN.fullmatch(w.removeprefix(AMBIGUOUS))]
        if len(kept) > 1:
            lines.append("\t".join(kept))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with TABLE.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(data)
    print(f"{len(lines)} groups, {len(data):,} bytes → {TABLE} ({TABLE.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
