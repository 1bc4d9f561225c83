import pytest

from bot.core.romaji import (
    Spellings,
    join_hyphenated,
    name_readings,
    names_read_as,
    reading_key,
    romanise,
    spelling_key,
    spellings,
    unmark_long_vowels,
)
from bot.core.tokenize import morphemes


def test_romanise() -> None:
    assert romanise("ティモフェーエフ") == "timofeeefu"
    assert romanise("バルダイ") == "barudai"
    assert romanise("キョウト") == "kyouto" and romanise("ハットリ") == "hattori"


@pytest.mark.parametrize(
    ("spellings", "reading"),
    [
        (["Tokyo", "Toukyou", "Tōkyō", "Tôkyô"], "トウキョウ"),
        (["Ōno", "Ohno", "Oono", "Ono"], "オオノ"),
        (["Ōno"], "オウノ"),
        (["Shin'ichi", "Shinichi", "Shin’ichi"], "シンイチ"),
        (["Shimbashi", "Shinbashi", "Sinbasi"], "シンバシ"),
        (["Jun'ichirō", "Junichiro", "Junichirou"], "ジュンイチロウ"),
        (["Satō", "Sato", "Satoh", "Satou"], "サトウ"),
        (["Ohashi", "Ōhashi"], "オオハシ"),
        (["Shunsuke", "Syunsuke"], "シュンスケ"),
        (["Fukuoka", "Hukuoka"], "フクオカ"),
        (["Gunma", "Gumma"], "グンマ"),
        (["Niigata"], "ニイガタ"),
        (["Fumi"], "ふみ"),
    ],
)
def test_romanised_spellings_meet_the_reading(spellings: list[str], reading: str) -> None:
    for s in spellings:
        assert spelling_key(s) == reading_key(reading), s


def test_near_spellings_do_not_meet() -> None:
    # Distinct sounds stay distinct: a vowel, a consonant, a geminate, ei against e.
    assert spelling_key("Takasa") != reading_key("タカセ")
    assert spelling_key("Hatori") != reading_key("ハットリ")
    assert spelling_key("Seikichi") != reading_key("セキチ")
    assert spelling_key("Kana") != reading_key("カンナ")
    assert spelling_key("Mind") != reading_key("ミンド")


def test_marks_only_on_latin_letters() -> None:
    assert unmark_long_vowels("Tōkyō と がっこう") == "Tokyo と がっこう"


def test_name_readings_are_the_proper_nouns_in_any_script() -> None:
    texts = ("伊藤しずは群馬県の桐生で生まれた。", "しずの父は時計店を営んだ。")
    tagged = [morphemes(t) for t in texts]
    names = name_readings(tagged)
    assert names["イトウ"] == "伊藤" and names["シズ"] == "しず" and names["グンマ"] == "群馬"
    assert "トケイ" not in names  # 時計 is a common noun


def test_an_exact_spelling_folds_only_long_vowels() -> None:
    names = spellings({"モーセ": "モーセ", "トウキョウ": "東京", "ケン": "健"})
    assert names_read_as("Mouse", names) == ["モーセ"]  # every spelling folded: mose
    assert names_read_as("Mouse", names, exact=True) == []
    assert names_read_as("Tokyo", names, exact=True) == ["東京"]
    assert names_read_as("Toukyou", names, exact=True) == ["東京"]
    assert names_read_as("Ken", names, exact=True) == ["健"]
    assert names_read_as("Keen", names, exact=True) == []


def test_names_read_as() -> None:
    names = spellings({"イトウ": "伊藤", "シズ": "しず", "オオノ": "大野", "シンイチ": "慎一"})
    assert names_read_as("Itō", names) == ["伊藤"]
    assert names_read_as("Shizu", names) == ["しず"]
    assert names_read_as("Ohno", names) == ["大野"]
    assert names_read_as("Shinichi", names) == ["慎一"]
    # Near misses: another name, an English word, a word too short to tell.
    assert names_read_as("Shiza", names) == []
    assert names_read_as("Mind", names) == []
    assert names_read_as("Ai", spellings({"アイ": "藍"})) == []


def test_a_hyphenated_name_is_joined_where_it_spells_one() -> None:
    table = spellings({"ツグミガタケ": "鶫ヶ岳"})

    def keyed() -> tuple[Spellings, ...]:
        return (table,)

    assert join_hyphenated("How high is Tsugumi-ga-take?", keyed) == "How high is Tsugumigatake?"
    assert join_hyphenated("When is Check-in?", keyed) == "When is Check-in?"
    # Each part capitalised, as English titles write names.
    assert join_hyphenated("Is Tsugumi-Ga-Take open?", keyed) == "Is TsugumiGaTake open?"
    assert join_hyphenated("Is Check-In open?", keyed) == "Is Check-In open?"


def test_the_spellings_are_worked_out_only_for_a_hyphenated_name() -> None:
    def keyed() -> tuple[Spellings, ...]:
        raise AssertionError("no hyphenated name: no spellings needed")

    assert join_hyphenated("What time does the shop open?", keyed) == (
        "What time does the shop open?"
    )
