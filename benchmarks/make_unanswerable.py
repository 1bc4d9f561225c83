"""Generate unanswerable questions for the development articles (deterministic).

Run from the repository root: `python -m benchmarks.make_unanswerable` (rewrites the generated
rows of tests/data/unanswerable_jsquad_dev.jsonl; hand-written rows, `"source": "hand"`, are
kept as they are).

Two principled kinds, neither tuned on what any engine does:

- `near-miss` (generated): one of the article's own questions with its key term — the noun
  compound of the question that occurs in the article and is rarest there — replaced by a
  compound of the same kind (person / place / other proper noun / common-noun compound) taken
  from another article and never found in this one. The question keeps the article's own
  words but asks about an entity the article never mentions.
- `off-topic` (generated): a question written for another article, kept only if none of its
  accepted answers occurs in this article.

Hand-written rows (`near-miss-hand`) ask, in the article's own words, for a figure it never
gives or a relation it never states; see tests/data/README.md.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict

from benchmarks.eval_qa import DEV, UNANSWERABLE
from bot.core.tokenize import fold, morphemes

PER_PIECE = 3
SEED = 20261127


def compounds(text: str) -> list[tuple[str, str]]:
    """Noun compounds of `text` as (surface, kind); kind: 人名, 地名, 固有, or 普通 (2+ nouns)."""
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str, str]] = []

    def flush() -> None:
        while run and run[-1][0] == "・":
            run.pop()
        nouns = [r for r in run if r[0] != "・"]
        if not nouns:
            return
        surface = "".join(r[0] for r in run)
        proper = [r for r in nouns if r[1] == "固有名詞"]
        if proper:
            kind = proper[-1][2] if proper[-1][2] in {"人名", "地名"} else "固有"
        elif len(nouns) >= 2:
            kind = "普通"
        else:
            return
        if len(surface) >= 2 and not any(ch.isdigit() for ch in surface):
            out.append((surface, kind))

    for w in morphemes(text):
        if w.pos1 == "名詞" and w.pos2 in {"固有名詞", "普通名詞"}:
            run.append((w.surface, w.pos2, w.pos3))
        elif w.surface == "・" and run:
            run.append(("・", "", ""))
        else:
            flush()
            run = []
    flush()
    return out


def main() -> None:
    data = json.loads(DEV.read_text("utf-8"))
    pieces = data["pieces"]
    rng = random.Random(SEED)
    texts = {p["title"]: fold("\n".join([p["title"], *p["paragraphs"]])) for p in pieces}
    pool: dict[str, list[tuple[str, str]]] = defaultdict(list)  # kind -> (surface, piece)
    for p in pieces:
        seen = set()
        for para in p["paragraphs"]:
            for surface, kind in compounds(para):
                if surface not in seen:
                    seen.add(surface)
                    pool[kind].append((surface, p["title"]))
    rows: list[dict] = []
    for p in pieces:
        text = texts[p["title"]]
        paras = [fold(x) for x in p["paragraphs"]]

        def df(term: str, paras: list[str] = paras) -> int:
            return sum(fold(term) in x for x in paras)

        # near-miss: swap the question's key term for an absent one of the same kind
        questions = list(p["questions"])
        rng.shuffle(questions)
        made = 0
        for q in questions:
            if made >= PER_PIECE:
                break
            present = [(s, k) for s, k in compounds(q["q"]) if fold(s) in text and df(s) > 0]
            if not present:
                continue
            key, kind = min(present, key=lambda sk: (df(sk[0]), -len(sk[0])))
            candidates = [
                s
                for s, src in pool[kind]
                if src != p["title"] and fold(s) not in text and 0.5 <= len(s) / len(key) <= 2
            ]
            if not candidates:
                continue
            new = rng.choice(candidates)
            rows.append(
                {
                    "piece": p["title"],
                    "kind": "near-miss",
                    "source": "generated",
                    "question": q["q"].replace(key, new),
                    "note": f"{q['id']}: {key} → {new} (never in the article)",
                }
            )
            made += 1
        # off-topic: another article's question whose answers this article never gives
        others = [(o["title"], q) for o in pieces if o is not p for q in o["questions"]]
        rng.shuffle(others)
        made = 0
        for title, q in others:
            if made >= PER_PIECE:
                break
            if q.get("x") or any(fold(a) in text for a in q["a"]):
                continue
            rows.append(
                {
                    "piece": p["title"],
                    "kind": "off-topic",
                    "source": "generated",
                    "question": q["q"],
                    "note": f"{q['id']} (written for {title})",
                }
            )
            made += 1
    kept: list[dict] = []
    if UNANSWERABLE.exists():
        for line in UNANSWERABLE.read_text("utf-8").splitlines():
            if line.strip() and json.loads(line).get("source") == "hand":
                kept.append(json.loads(line))
    out = rows + kept
    UNANSWERABLE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), "utf-8")
    print(f"wrote {len(rows)} generated + {len(kept)} hand-written rows to {UNANSWERABLE}")


if __name__ == "__main__":
    main()
