import gc
import weakref

from bot.core.article import parse_article
from bot.core.files import load_article
from bot.core.lexicon import (
    gloss_key,
    romanise,
    stem,
    synonyms_in_piece,
    to_japanese_query,
    translate_question,
)
from bot.core.vocabulary import PieceVocabulary
from tests.conftest import TEST_DATA


def test_stems_and_gloss_keys() -> None:
    assert stem("sanctions") == "sanction" and stem("ratified") == "ratify"
    assert gloss_key("nuclear (bomb) test") == "nuclear test"
    assert gloss_key("to let go of") == "let go"


def test_romanise() -> None:
    assert romanise("ティモフェーエフ") == "timofeeefu"
    assert romanise("バルダイ") == "barudai"


def test_english_question_becomes_the_pieces_own_words(article) -> None:  # type: ignore[no-untyped-def]
    piece = PieceVocabulary(article)
    q = to_japanese_query("When did the State Duma ratify the Russia–North Korea treaty?", piece)
    for word in ("批准", "ロシア", "北朝鮮", "条約"):
        assert word in q
    assert "ティモフェーエフ" in to_japanese_query("What position does Ivan Timofeev hold?", piece)
    unknown = translate_question("What did Xi Jinping say about the treaty?", piece).unknown
    assert unknown == ("xi", "jinping")
    # A name one of whose words the piece has (State → 国家) is not unknown; its other
    # word is only absent.
    duma = translate_question("When did the State Duma ratify the treaty?", piece)
    assert duma.unknown == () and duma.absent == ("duma",) and "批准" in duma.query


def test_synonyms_come_from_the_piece(article) -> None:  # type: ignore[no-untyped-def]
    piece = PieceVocabulary(article)
    assert "制裁" in synonyms_in_piece("罰", piece)
    assert synonyms_in_piece("存在しない語", piece) == []


def test_other_piece() -> None:
    a = PieceVocabulary(load_article(TEST_DATA / "jishin-zakkan.txt"))
    assert "地震" in to_japanese_query("earthquake prediction", a)


def test_lookups_keep_no_piece_alive() -> None:
    # A piece the library lets go of (its engine out of the LRU) must not stay in memory.
    article = load_article(TEST_DATA / "jishin-zakkan.txt")
    piece = PieceVocabulary(article)
    translate_question("What did Omori Fusakichi say about the earthquake?", piece)
    synonyms_in_piece("罰", piece)
    gone = weakref.ref(article)
    del article, piece
    gc.collect()
    assert gone() is None


def test_a_language_or_people_names_its_country() -> None:
    """Danish is デンマーク語 in the dictionary: the piece's デンマーク is found through it, so
    "Danish" is no unknown name (it used to decline the question outright)."""
    piece = PieceVocabulary(
        parse_article("デンマークの話\n\nデンマークは欧州北部の小国である。\nロシアは大国である。\n")
    )
    danish = translate_question("Which Danish writer wrote fairy tales?", piece)
    assert danish.unknown == () and "デンマーク" in danish.query
    assert "ロシア" in to_japanese_query("What do Russians think?", piece)
