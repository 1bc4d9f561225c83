"""Japanese questions about an English piece: the JMdict table read the other way round."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.article import parse_article
from bot.core.files import load_article
from bot.core.lexicon_en import (
    english_glosses,
    english_synonyms,
    phrase_synonyms,
    translate_to_english,
)
from bot.core.vocabulary import PieceVocabulary
from tests.conftest import TEST_DATA


def test_a_japanese_word_has_its_english_glosses() -> None:
    glosses = english_glosses("図書館")
    assert glosses.most_common(1)[0][0] == "library"


def test_a_japanese_question_becomes_the_english_pieces_own_words() -> None:
    piece = PieceVocabulary(load_article(TEST_DATA / "library-en.txt"))
    t = translate_to_english("最初の司書は誰？", piece)
    assert t.query.split() == ["first", "librarian"] and not t.unknown
    # A katakana name no dictionary holds is matched to the piece's names by sound.
    assert "Carnegie" in translate_to_english("カーネギーはいくら提供した？", piece).query.split()
    # Words the piece never writes are absent; names it never writes are unknown.
    t = translate_to_english("図書館の職員数は？", piece)
    assert "library" in t.query and "職員" in t.absent
    t = translate_to_english("マンチェスターの図書館委員会は？", piece)
    assert t.unknown == ("マンチェスター",)
    # 教えて and 挙げて ask; they are not translated (teach, in a piece on teachers).
    teachers = PieceVocabulary(parse_article("Schools\n\nThe teachers and the teaching.\n"))
    assert "teach" not in translate_to_english("先生の名前を全部教えて", teachers).query.split()


def test_words_that_are_no_form_have_no_glosses() -> None:
    assert not english_glosses("") and not english_glosses("図書|館") and not english_glosses("\t")


_LIBRARY = PieceVocabulary(load_article(TEST_DATA / "library-en.txt"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_question_translates_into_words_of_the_piece(question: str) -> None:
    t = translate_to_english(question, _LIBRARY)
    assert isinstance(t.query, str)
    if t.query != question:  # something was found: only the piece's own words (or figures)
        words = [w for w in t.query.split() if not any(c.isdigit() for c in w)]
        assert all(_LIBRARY.mentions(w) for w in words)


def test_a_counter_after_a_figure_is_not_translated() -> None:
    # 台 (a counter) would bring stand, support, lot; 1台分 only says "for one".
    piece = PieceVocabulary(
        parse_article("Parking\n\nEach space costs $40,000 to build. The stand holds 20 bikes.\n")
    )
    t = translate_to_english("1台分のスペースの費用はいくら？", piece)
    assert "space" in t.query.split() and "stand" not in t.query.split()
    # 台 as a word of its own (not after a figure) is still translated.
    assert "stand" in translate_to_english("台はいくつある？", piece).query.split()


def test_a_counter_the_piece_writes_after_a_number_is_its_unit() -> None:
    piece = PieceVocabulary(
        parse_article(
            "The old mill\n\nThe mill closed 35 years ago. A visit costs 12 dollars, and the"
            " wheel is 9 metres across. The stand by the door sells maps.\n"
        )
    )
    query = translate_to_english("35年前に何があった？", piece).query.split()
    assert "year" in query and "ago" in query  # the word after a unit is read too
    assert "dollar" in translate_to_english("12ドルで何が買える？", piece).query.split()
    assert "metre" in translate_to_english("9メートルのものは？", piece).query.split()
    # 台's stand is written, but never after a number: 2台分 still only counts.
    assert "stand" not in translate_to_english("2台分の料金は？", piece).query.split()


def test_a_unit_written_only_without_a_number_is_not_a_unit() -> None:
    piece = PieceVocabulary(parse_article("Notes\n\nEvery year the club meets in May.\n"))
    assert "year" not in translate_to_english("3年分の会費は？", piece).query.split()


def test_a_name_with_accents_is_met_by_its_katakana_and_so_is_its_full_name() -> None:
    piece = PieceVocabulary(
        parse_article("Apprentices\n\nLéa Moreau came from Lyon in 2023 to learn the craft.\n")
    )
    translated = translate_to_english("レア・モローさんはどこから来たの？", piece)
    assert "Léa" in translated.query.split()
    # モロー is written Moreau, which no reading meets: one name of the two found is enough.
    assert translated.unknown == () and "モロー" in translated.absent
    # A full name none of whose names the piece writes is still unknown.
    assert translate_to_english("ジョン・スミスさんは誰？", piece).unknown == ("ジョン", "スミス")


def test_english_synonyms_are_shared_direct_translations() -> None:
    # stroller and pushchair are both ベビーカー; size is 大きさ, not 大 (admiral).
    assert "pushchair" in english_synonyms("stroller")
    assert "bicycle" in english_synonyms("bike")
    assert "admiral" not in english_synonyms("size")
    # An irregular plural is looked up as its noun.
    assert english_synonyms("mice") == english_synonyms("mouse") != []


def test_two_words_the_dictionary_knows_as_one_give_the_glosses_the_piece_writes() -> None:
    # front desk is フロント, which is also reception; the piece writes reception, not front desk.
    hostel = "The reception desk is staffed from 7:30 to 23:00. The front door locks at 1:00."
    stems = PieceVocabulary(parse_article("FAQ\n\n" + hostel + "\n")).latin_stems
    assert phrase_synonyms("What hours is the front desk open?", stems, hostel) == ["reception"]
    # A piece that writes the two words together is searched with them as they are.
    said = hostel + " Ask at the front desk."
    assert phrase_synonyms("What hours is the front desk open?", stems, said) == []


def test_teaching_asked_about_is_translated() -> None:
    # 教えて asking (教えて, 教えてください) is the question's way of asking; 教えていました is
    # what it asks about.
    school = PieceVocabulary(
        parse_article("The school\n\nMr. Ikegami taught mathematics there until 1990.\n")
    )
    assert "teach" in translate_to_english("池上さんは何を教えていましたか？", school).query.split()
    assert "teach" in translate_to_english("学校では何を教えている？", school).query.split()
    for asking in (
        "数学について教えてください",
        "数学について教えて！",
        "数学のことを教えてもらえますか",
    ):
        assert "teach" not in translate_to_english(asking, school).query.split(), asking


def test_a_dog_is_a_dog() -> None:
    # 犬's gloss carries a nested scientific name, dog (Canis (lupus) familiaris).
    piece = PieceVocabulary(parse_article("Pets\n\nSmall dogs are welcome in a carrier.\n"))
    assert "dog" in translate_to_english("犬を乗せてもいいですか", piece).query.split()


def test_a_compound_name_the_piece_never_writes_is_unknown() -> None:
    # 富士山 (富士 + 山): Mount Fuji, of which a car-rental FAQ says nothing, not 山 alone.
    piece = PieceVocabulary(parse_article("FAQ\n\nOur Okinawa branch opens at 8:00.\n"))
    assert translate_to_english("富士山の高さはどれくらいですか", piece).unknown == ("富士山",)
    # 沖縄県: the piece writes Okinawa.
    assert translate_to_english("沖縄県の支店は何時から？", piece).unknown == ()


def test_a_piece_is_read_for_two_words_only_when_the_dictionary_knows_them_as_one() -> None:
    # Reading a piece of 2 MiB took longer than the rest of the question on every question.
    class Unread(str):
        def lower(self) -> str:
            raise AssertionError("the piece was read")

    assert phrase_synonyms("Can children enter free?", frozenset(), Unread("x")) == []


def test_a_gloss_keyed_without_its_e_is_the_word_the_piece_writes() -> None:
    """ダイビング glosses diving, keyed div: the piece's dive."""
    piece = PieceVocabulary(parse_article("Courses\n\nEvery dive is led by an instructor.\n"))
    t = translate_to_english("ダイビングの料金は", piece)
    assert "dive" in t.query.split()


def test_ikura_asks_how_much_and_is_no_word_the_piece_lacks() -> None:
    piece = PieceVocabulary(parse_article("Prices\n\nA Try Dive costs £75.\n"))
    t = translate_to_english("体験ダイビングはいくらですか", piece)
    assert "いくら" not in t.absent and "いくら" not in t.unknown


def test_a_potential_verb_no_entry_lists_is_read_as_its_verb() -> None:
    """戻せる (can undo) is listed nowhere; 戻す is: its glosses are searched."""
    piece = PieceVocabulary(
        parse_article("Upgrade FAQ\n\nYou can restore the previous version from a backup.\n")
    )
    t = translate_to_english("前のバージョンに戻せますか", piece)
    assert "restore" in t.query.split()


def test_a_question_none_of_whose_nouns_the_piece_writes_names_nothing_of_it() -> None:
    """日本でいちばん長い川は？ of a seed list: 長い is placed (long), but neither noun is, so
    the question speaks of nothing the piece does; one noun placed (トマト) keeps the rest
    merely absent."""
    seeds = PieceVocabulary(
        parse_article(
            "Seed List\n\nOur tomato seeds keep for four years.\n"
            "Long trusses of fruit need support.\n"
        )
    )
    off = translate_to_english("日本でいちばん長い川は？", seeds)
    assert set(off.unknown) == {"日本", "川"} and not off.absent
    on = translate_to_english("日本のトマトの種は何年もちますか", seeds)
    assert "日本" in on.absent and "日本" not in on.unknown
    # One noun only: the other words may carry the question.
    assert "川" in translate_to_english("川はいつ凍る？", seeds).absent


def test_nouns_that_ask_or_repeat_name_no_second_thing() -> None:
    """筆者 and 理由 ask for the writer's reason, which an essay gives without either word;
    川 twice is one thing: neither question names two things the piece never writes."""
    essay = PieceVocabulary(
        parse_article(
            "Why I Stopped Driving\n\nLast spring I sold my car.\n"
            "I think cities should be built for people who walk.\n"
        )
    )
    why = translate_to_english("筆者がそう考える理由は何ですか", essay)
    assert not why.unknown and "think" in why.query.split()
    assert not translate_to_english("川はなぜ川と呼ぶ？", essay).unknown
