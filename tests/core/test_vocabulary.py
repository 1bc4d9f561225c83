"""What the piece writes, worked out once per piece in whichever thread asks first."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.core import vocabulary
from bot.core.article import parse_article
from bot.core.compounds import question_compounds
from bot.core.normalize import loose_fold
from bot.core.tokenize import Morpheme, morphemes, stem
from bot.core.vocabulary import PieceVocabulary, writes_full_form

SLOW = "遅い記事\n\n遅い記事の本文である。長い記事の品詞付けには数秒かかる。\n"
QUICK = "速い記事\n\n速い記事の本文である。短い記事はすぐに終わる。\n"


def test_one_piece_tagged_at_length_holds_up_no_other_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started, release = threading.Event(), threading.Event()

    def tag(text: str) -> list[Morpheme]:
        if "遅い" in text:  # the slow piece: as if it ran to megabytes
            started.set()
            release.wait(10)
        return morphemes(text)

    monkeypatch.setattr(vocabulary, "morphemes", tag)
    slow, quick = PieceVocabulary(parse_article(SLOW)), PieceVocabulary(parse_article(QUICK))
    with ThreadPoolExecutor(2) as pool:
        pending = pool.submit(slow.mentions, "作家", "作家")  # not written: dictionary forms
        assert started.wait(5)
        try:
            # Each piece works its dictionary forms out on its own (no lock shared by all).
            assert not pool.submit(quick.mentions, "作家", "作家").result(timeout=5)
        finally:
            release.set()
        assert not pending.result(timeout=5)


def test_prepare_works_the_dictionary_forms_out_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def tag(text: str) -> list[Morpheme]:
        calls.append(text)
        return morphemes(text)

    monkeypatch.setattr(vocabulary, "morphemes", tag)
    piece = PieceVocabulary(parse_article(QUICK))
    piece.prepare()
    tagged = len(calls)
    assert tagged == 1  # one paragraph
    assert piece.mentions("終わる", "終わる") and not piece.mentions("作家", "作家")
    piece.prepare()
    assert len(calls) == tagged  # nothing tagged again


def test_english_question_words_stand_alone_and_names_are_proper() -> None:
    compounds = question_compounds("When did Edmund Tallis arrive, and how often?")
    parts = [(c.surface, c.parts[0].proper) for c in compounds]
    # Question words and frame words (when, did, how, often) name nothing.
    assert parts == [("Edmund", True), ("Tallis", True), ("arrive", False)]


def test_english_function_words_are_never_missing_key_terms() -> None:
    piece = parse_article("The Keepers\n\nThe first keeper used the lamp every night.\n")
    check = PieceVocabulary(piece).check("Did the keeper use the lamp herself before others did?")
    assert check.missing_parts == ()


def test_english_words_are_found_in_any_inflection() -> None:
    piece = parse_article("The Keepers\n\nThe first keeper arrived in 1871 with supplies.\n")
    vocabulary = PieceVocabulary(piece)
    check = vocabulary.check("When did the keepers arrive with the supplies?")
    assert check.missing_parts == ()
    check = vocabulary.check("What did Margaret paint?")
    assert check.missing_proper == ("Margaret",) and "paint" in check.missing_parts
    # Whole words only: "die" is not in "soldiers", "plan" not in "explanation".
    soldiers = PieceVocabulary(parse_article("Soldiers\n\nThe soldiers read an explanation.\n"))
    assert not soldiers.mentions("die") and not soldiers.mentions("plan")
    assert soldiers.mentions("soldier") and soldiers.mentions("explanations")


def test_a_name_in_another_spelling_is_mentioned() -> None:
    # The piece writes 平壌 and 子ども; a reader writes ピョンヤン and 子供: the same words.
    piece = parse_article("平壌の話\n\n平壌の子どもたちは学校へ通う。\n")
    check = PieceVocabulary(piece).check("ピョンヤンの子供は何をしている？")
    assert check.missing_proper == () and check.missing_parts == ()
    # A name it never writes in any spelling is still missing.
    check = PieceVocabulary(piece).check("ソウルの子供は何をしている？")
    assert check.missing_proper == ("ソウル",)


def test_a_language_is_a_key_term_only_inside_a_compound_that_names_something() -> None:
    piece = PieceVocabulary(parse_article("学校だより\n\n音楽会は11月に開く。各教室で準備する。\n"))
    # 英語で何という？ asks in which words, not about English: nothing is missing.
    assert piece.check("英語で何という？").missing_parts == ()
    # 英語教室 names a class the piece never mentions.
    assert piece.check("英語教室は何曜日？").missing_parts == ("英語",)


def test_the_full_form_of_an_abbreviation_or_a_name() -> None:
    assert writes_full_form("国連", loose_fold("国際連合の本部"))
    assert writes_full_form("セクハラ", loose_fold("セクシャル・ハラスメント"))
    assert writes_full_form("マーラー", loose_fold("グスタフ・マーラーは作曲家"))
    # The short form itself, a longer word of another script, or nothing like it: no.
    assert not writes_full_form("国連", loose_fold("国連の本部"))
    assert not writes_full_form("マーラー", loose_fold("マーラー宅"))
    assert not writes_full_form("国連", loose_fold("国境の町"))
    # Only where a word begins: ロ…シ…ア inside another word is no full form of ロシア.
    assert not writes_full_form("ロシア", loose_fold("ジヒドロキシアセトンリン酸"))


def test_what_the_piece_counts_is_the_word_after_a_number() -> None:
    piece = PieceVocabulary(
        parse_article("Facts\n\nForty years and 3 million dollars: a 12-metre tall tower.\n")
    )
    assert {stem(w) for w in ("years", "dollars", "metre")} <= piece.counted
    assert stem("tower") not in piece.counted and stem("tall") not in piece.counted


def test_the_spellings_of_the_pieces_names_are_worked_out_once() -> None:
    piece = PieceVocabulary(parse_article("町の話\n\n高瀬ふみは港町で育った。\n"))
    assert piece.name_spellings is piece.name_spellings
    assert piece.compound_spellings is piece.compound_spellings
    assert any(s == "高瀬" for found in piece.name_spellings.values() for _, s in found)


def test_a_name_is_read_as_the_tagger_reads_it_anywhere_in_the_piece() -> None:
    # UniDic reads 小夜 as the name サヤ after a family name, and as the word サヨ alone:
    # a reader's Sayo is the name all the same.
    piece = PieceVocabulary(parse_article("配役\n\n主人公の波多野 小夜。小夜は透子に会う。\n"))
    assert piece.names.get("サヤ") == "小夜"
    assert piece.names.get("サヨ") == "小夜"


def test_words_made_with_a_suffix_are_looked_up_not_scanned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # derived is asked for each word a question's check misses: on a large piece (68,000
    # English words) a scan per call made each English question several times slower.
    v = PieceVocabulary(parse_article("T\n\nBicycle rental and storage, booking by phone.\n"))
    assert v.derived("rent") == ["rental"]
    scanned = property(lambda self: pytest.fail("the piece's words were scanned again"))
    monkeypatch.setattr(PieceVocabulary, "latin_words", scanned)
    assert v.derived("store") == ["storage"] and v.derived("book") == ["booking"]
    assert v.derived("phone") == [] and v.derived("wat") == []
