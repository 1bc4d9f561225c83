"""Retrieval: BM25 ranking, coverage confidence and the "not in the piece" threshold."""

from __future__ import annotations

import json

import pytest

from bot.core.article import Article, parse_article
from bot.core.retrieval import (
    BM25,
    NOT_IN_PIECE_THRESHOLD,
    LexicalRetriever,
    Retriever,
    covers,
    phrases,
)
from tests.conftest import TEST_DATA

QUESTIONS = TEST_DATA / "questions_default.jsonl"


@pytest.fixture(scope="module")
def retriever(article: Article) -> LexicalRetriever:
    return LexicalRetriever(article)


def test_protocol(retriever: LexicalRetriever) -> None:
    assert isinstance(retriever, Retriever)


def test_bm25_of_one_list_twice_is_that_of_two_copies() -> None:
    line, other = ["tide", "rose", "tide"], ["ships"]
    shared = BM25([line, other, line, [], line])
    copies = BM25([list(line), other, list(line), [], list(line)])
    assert shared.tfs[0] is shared.tfs[2] and shared.tfs == copies.tfs
    assert shared.idf == copies.idf and shared.lens == copies.lens
    for query in (["tide"], ["ships", "tide", "zzz"], []):
        assert shared.scores(query) == copies.scores(query)


def test_bm25_prefers_rare_terms_and_short_documents() -> None:
    index = BM25([["a", "b"], ["a", "c", "c"], ["a"] * 20 + ["c"]])
    scores = index.scores(["c"])
    assert scores[0] == 0 and scores[1] > scores[2] > 0
    assert index.idf["c"] > index.idf["a"]
    assert index.coverage(["b", "zzz"], 0) == pytest.approx(
        index.idf["b"] / (index.idf["b"] + index.unseen_idf)
    )


def test_bm25_of_a_bag_is_that_of_the_same_document_indexed() -> None:
    docs = [["a", "b"], ["a", "c", "c"], ["a"] * 20 + ["c"]]
    index = BM25(docs)
    for query in (["c"], ["a", "c", "zzz"], ["a", "a"]):
        scores = index.scores(query)
        for d, doc in enumerate(docs):
            bag = {t: doc.count(t) for t in doc}
            assert index.score_bag(query, bag, len(doc)) == pytest.approx(scores[d])
    # Two documents read as one: their terms and their lengths together.
    assert index.score_bag(["b", "c"], {"a": 2, "b": 1, "c": 2}, 5) > max(index.scores(["b", "c"]))


def test_a_piece_of_no_words_is_searched_without_error() -> None:
    # Only marks (Markdown of `*a*a…`): every document is empty, and their average length
    # was a division by zero, a traceback for `ask`.
    assert BM25([[], []]).scores(["a"]) == [0.0, 0.0]
    piece = parse_article("Marks\n\n" + "*" * 40 + "\n" + "!" * 40 + "\n")
    assert LexicalRetriever(piece).search("what do the lines say?") == []


def test_share_weighs_terms_by_idf_and_weights() -> None:
    index = BM25([["a", "b"], ["a", "c"], ["a"]])
    b, c = index.idf["b"], index.idf["c"]
    assert index.share(["b", "c"], {"b"}) == pytest.approx(b / (b + c))
    assert index.share(["b", "c"], {"b"}, {"b": 0.5}) == pytest.approx(0.5 * b / (0.5 * b + c))
    assert index.share([], {"b"}) == 0.0


def test_search_returns_one_hit_per_paragraph(retriever: LexicalRetriever) -> None:
    hits = retriever.search("制裁の国際化", k=5)
    assert len(hits) == len({h.passage for h in hits}) == 5
    for h in hits:
        assert retriever.article.text[h.start : h.end] == h.text
        assert 0.0 <= h.confidence <= 1.0


def test_a_sentence_that_says_the_words_together_outranks_repetition() -> None:
    filler = "山の上には古い寺がある。寺の鐘は夕方に鳴る。川の水は冷たく澄んでいる。"
    article = parse_article(
        "試験の記事\n\n"
        "夜の市場。市場の魚。夜の魚。盗む市場。市場で盗む。夜の市場の魚。\n\n"
        f"この町の猫は、夜に市場から魚を盗む。{filler * 6}\n\n"
        f"{filler}\n\n畑では野菜が育つ。{filler}\n\n駅には電車が来る。{filler}\n"
    )
    retriever = LexicalRetriever(article)
    question = "夜に市場から魚を盗むのは何？"
    bm25 = retriever.window_index.scores(retriever.tokenize(question))
    assert bm25[0] > bm25[1]  # repetition wins on BM25 alone
    assert [h.passage for h in retriever.search(question, k=2)] == [2, 1]


def test_a_passage_in_the_question_s_own_wording_outranks_its_words_reordered() -> None:
    filler = "山の上には古い寺がある。寺の鐘は夕方に鳴る。川の水は冷たく澄んでいる。"
    article = parse_article(
        "試験の記事\n\n"
        "猫は市場から来て、魚を盗む。\n\n"
        "夜になると、この町には市場から魚を盗む猫が出る。その数は年ごとに増えている。\n\n"
        f"{filler}\n\n畑では野菜が育つ。{filler}\n"
    )
    retriever = LexicalRetriever(article)
    question = "市場から魚を盗む猫は？"
    assert {"市場から", "魚を盗む", "を盗む猫"} <= phrases(question)
    assert not {"から魚を"} & phrases("猫は市場から来て、魚を盗む。")
    bm25 = retriever.window_index.scores(retriever.tokenize(question))
    assert bm25[0] > bm25[1]  # both hold every word; the shorter one wins on BM25
    assert [h.passage for h in retriever.search(question, k=2)] == [2, 1]


def test_sentence_search(retriever: LexicalRetriever) -> None:
    hits = retriever.search_sentences("初の核実験", k=2)
    assert "初の核実験" in hits[0].text
    assert hits[0].text in {s.text for s in retriever.article.sentences}


@pytest.mark.parametrize("query", ["初の核実験", "ロシアと北朝鮮の条約", "the of and"])
def test_judging_chosen_sentences_gives_what_the_full_ranking_does(
    retriever: LexicalRetriever, query: str
) -> None:
    sentences = retriever.article.sentences
    ranked = retriever.search_sentences(query, k=len(sentences))
    by_span = {(h.start, h.end): (h.confidence, h.score) for h in ranked}
    chosen = list(range(0, len(sentences), 3))
    assert retriever.judge_sentences(query, chosen) == {
        i: by_span.get((sentences[i].start, sentences[i].end), (0.0, 0.0)) for i in chosen
    }


def test_sentences_within_a_span(article: Article) -> None:
    p = article.paragraphs[1]
    assert article.sentences_within(p.start, p.end) == list(p.sentences)
    if len(p.sentences) > 1:
        second = p.sentences[1]
        assert article.sentences_within(second.start - 1, p.end) == list(p.sentences[1:])
        assert article.sentences_within(p.start, second.end - 1) == [p.sentences[0]]


@pytest.mark.parametrize("query", ["", "   ", "？！。", "the of and"])
def test_queries_without_terms_find_nothing(retriever: LexicalRetriever, query: str) -> None:
    assert retriever.search(query) == [] and not covers([])


def test_width_and_case_do_not_matter() -> None:
    article = parse_article("ＡＢＣ社は２０２０年に設立された。\n別の話。\n")
    r = LexicalRetriever(article)
    assert r.search("abc社 2020年")[0].passage == 1


@pytest.mark.parametrize("name", ["bigram", "morph", "hybrid"])
def test_every_tokenizer_ranks_an_exact_phrase_first(article: Article, name: str) -> None:
    r = LexicalRetriever(article, name)
    for p in article.paragraphs[1::3]:
        sentence = max(p.sentences, key=lambda s: len(s.text))
        assert r.search(sentence.text, k=1)[0].passage == p.number


def _questions() -> list[dict]:
    return [json.loads(line) for line in QUESTIONS.read_text("utf-8").splitlines() if line.strip()]


def test_recall_at_3_on_lookups(retriever: LexicalRetriever) -> None:
    """The README reports these numbers; this guards them against regressions."""
    qs = [q for q in _questions() if q["kind"] == "lookup" and q["lang"] == "ja"]
    assert len(qs) >= 20
    found = sum(
        bool({h.passage for h in retriever.search(q["question"], k=3)} & set(q["passages"]))
        for q in qs
    )
    assert found / len(qs) >= 0.9, f"recall@3 {found}/{len(qs)}"


def test_threshold_separates_answerable_from_not(retriever: LexicalRetriever) -> None:
    qs = [q for q in _questions() if q["lang"] == "ja" and q["kind"] in {"lookup", "unanswerable"}]
    answerable = [q for q in qs if q["kind"] == "lookup"]
    unanswerable = [q for q in qs if q["kind"] == "unanswerable"]
    assert unanswerable
    said_yes = sum(covers(retriever.search(q["question"], k=1)) for q in answerable)
    said_no = sum(not covers(retriever.search(q["question"], k=1)) for q in unanswerable)
    assert said_yes / len(answerable) >= 0.85
    assert said_no / len(unanswerable) >= 0.7
    assert 0 < NOT_IN_PIECE_THRESHOLD < 1


def test_background_words_weigh_less_in_the_ranking() -> None:
    # Every passage of a piece called 梅雨 is about 梅雨: the lead, which repeats it, should
    # not win a question about the period just for that.
    a = parse_article(
        "梅雨\n\n梅雨は東アジアの雨季である。梅雨前線が梅雨をもたらす。梅雨の語源には諸説ある。\n"
        "期間はふつう一か月半程度である。\n沖縄では五月に始まる。\n"
    )
    r = LexicalRetriever(a)
    tokens = r.tokenize("梅雨の期間は？")
    plain = r.window_index.scores(tokens)
    quiet = r.window_index.scores(tokens, dict.fromkeys(r.tokenize("梅雨"), 0.5))
    assert plain[0] > plain[1] and quiet[0] < quiet[1]
    assert [h.passage for h in r.search("梅雨の期間は？", 3, background=("梅雨",))] == [2, 1]
    # A question made only of background words is still searched with them.
    assert [h.passage for h in r.search("梅雨", 3, background=("梅雨",))] == [1]


SECTIONED = (
    "---\ntitle: 二つの自転車\n---\n"
    "二台の自転車を一か月ずつ試した。どちらも街乗り向けの軽い車体である。\n\n\n"
    "ハヤテ号\n\n"
    "価格は約6万円だった。フレームはアルミ製である。\n\n"
    "重さは11キログラムで、坂道では少し重く感じた。\n\n\n"
    "ツバメ号\n\n"
    "価格は約9万円だった。フレームはカーボン製である。\n\n"
    "重さは8キログラムで、片手で持ち上げられる。\n"
)


def test_a_paragraph_is_searched_with_the_words_of_its_sections_heading() -> None:
    retriever = LexicalRetriever(parse_article(SECTIONED))
    assert retriever.sections == {3: 2, 4: 2, 6: 5, 7: 5}
    hits = retriever.search("ツバメ号の重さは？", k=4)
    passages = [h.passage for h in hits]
    assert passages.index(7) < passages.index(4)


def test_a_piece_of_no_sections_is_indexed_as_before() -> None:
    article = parse_article("---\ntitle: 短い話\n---\n猫が鳴いた。\n\n犬も鳴いた。\n")
    retriever = LexicalRetriever(article)
    assert retriever.sections == {}
    windows, sentences = retriever.prepare()
    assert windows is sentences


def test_a_question_in_hiragana_words_only_finds_the_paragraph_that_writes_them() -> None:
    article = parse_article(
        "旅の記録\n\n"
        "朝は港の市場を歩いた。\n"
        "昼の丼は、この旅でいちばんおいしかった。\n"
        "夜は宿で早く寝た。\n"
    )
    r = LexicalRetriever(article)
    assert [h.passage for h in r.search("いちばんおいしかったのは？")] == [2]
    assert r.search("いちばんたのしかったのは？") == []  # no paragraph writes it


def test_a_related_word_weighs_less_than_the_reader_s_own() -> None:
    # 鎮める shares a gloss with 飲む (to suppress), not the sense asked: the paragraph that
    # writes the reader's own 授乳 comes first, as it would not with 鎮める weighing as much.
    a = parse_article(
        "のど飴\n\n次の人は使用前に相談してください：通院中の人、授乳中の人、お年寄り、"
        "アレルギーの出たことがある人。\nせきを鎮める。\n熱を下げる。\n"
    )
    r = LexicalRetriever(a)
    assert r.search("授乳中でも飲める 鎮める", 2)[0].passage == 2
    assert [h.passage for h in r.search("授乳中でも飲める", 2, related=("鎮める",))] == [1, 2]
    # A question whose own words the piece lacks is still found by its related ones.
    assert [h.passage for h in r.search("解熱は？", 2, related=("熱を下げる",))] == [3]
