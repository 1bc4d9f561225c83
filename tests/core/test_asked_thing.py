import pytest

from bot.core.asked_thing import thing_absent
from bot.core.compounds import question_compounds


def _absent(question: str, missing: set[str]) -> bool:
    """`thing_absent` where the piece writes every word of the question but `missing`."""
    compounds = question_compounds(question)
    missing_compounds = [c.surface for c in compounds if c.surface in missing]
    parts = [p.surface for c in compounds for p in c.parts if c.surface in missing]
    return thing_absent(question, compounds, missing_compounds, parts)


@pytest.mark.parametrize(
    "question",
    [
        "トレーニング室は65歳以上だと割引がありますか",
        "ラジオサポーターには謝礼が出ますか",
        "卓球のラケットは貸してもらえる？",
        "剣道場で防具は借りられますか",
        "コテージにタオルは置いてありますか",
        "3階建てだけどエレベーターはある？",
        "被告はこの判決に控訴しましたか",
        # 何か asks no question word's answer: still whether.
        "何か割引はありますか",
        # However it ends: a full stop, marks doubled.
        "コテージにタオルは置いてありますか。",
        "3階建てだけどエレベーターはある？？",
        "被告はこの判決に控訴しましたか。",
    ],
)
def test_a_thing_asked_to_be_there_that_the_piece_never_writes(question: str) -> None:
    thing = {c.surface for c in question_compounds(question)} & {
        "割引",
        "謝礼",
        "ラケット",
        "防具",
        "タオル",
        "エレベーター",
        "控訴",
    }
    assert _absent(question, thing)


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # The thing is written; another word of the question is not.
        ("夫婦で入会すると割引はありますか", {"夫婦"}),
        # A clause says what the noun is: the clause is what is asked.
        ("今でも渡し舟に乗れる機会はありますか", {"機会"}),
        ("入会金が無料になるタイミングってありますか", {"タイミング"}),
        # Not asked to be there: a service done to it.
        ("財布とか本部で預かってもらえる？", {"財布"}),
        # Not a yes/no question of being there.
        ("割引の条件は何ですか", {"割引"}),
        # A question word asks which, when or where, not whether: the piece may give the time
        # with another verb (9時に発車).
        ("村営バスは何時に出発しますか", {"出発"}),
        ("花まつりはどこで開催されますか", {"開催"}),
        ("どんな割引がありますか", {"割引"}),
    ],
)
def test_what_is_not_a_missing_thing_asked_to_be_there(question: str, missing: set[str]) -> None:
    assert not _absent(question, missing)


def test_english_every_word_of_the_thing_is_missing() -> None:
    """The thing runs up to the place or time it is asked for; "for" stays with it."""
    assert _absent("Is there parking at the farm on open days?", {"parking"})
    assert _absent("Is there a discount for seniors?", {"discount", "seniors"})
    assert _absent("Can I hire an underwater camera?", {"underwater", "camera"})
    # Letters beyond ASCII are the thing's too (crèche, not cr and che).
    assert _absent("Is there a crèche at the museum?", {"crèche"})
    # The piece writes part of the thing (charities): the question is the piece's to answer.
    assert not _absent("Is there a discount for charities?", {"discount"})
    assert not _absent("What parking is there at the farm?", {"parking"})


def test_where_a_thing_the_piece_never_writes_is_cannot_be_said() -> None:
    """本社はどこにある？ of a pamphlet that names the company and never its head office."""
    assert _absent("たまゆら損害保険の本社はどこにある？", {"本社"})
    assert _absent("ひなげし電力株式会社の本社はどこにありますか", {"本社"})
    # Written: the piece may say where.
    assert not _absent("お墓はどこにありますか？", set())
    # Where a thing happens is no question of its being there.
    assert not _absent("表彰式はどこで行われますか", {"表彰式"})
