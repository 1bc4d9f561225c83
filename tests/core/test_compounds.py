"""A question's naming words (`bot.core.compounds`)."""

from __future__ import annotations

from bot.core.compounds import is_content, names_something, question_compounds


def test_a_capitalised_word_opening_a_later_sentence_names_nothing() -> None:
    # "List everything." after the question is a request, not a name the piece lacks.
    asked = question_compounds("What can I see on the second floor? List everything. Give me all.")
    assert not any(c.parts[0].proper for c in asked)
    assert [c.surface for c in asked] == ["see", "second", "floor"]
    # After a title's full stop the name goes on: Dr. Sato.
    assert [c.surface for c in question_compounds("Did Dr. Sato come?") if c.parts[0].proper] == [
        "Dr",
        "Sato",
    ]


def test_the_questions_frame_names_nothing() -> None:
    assert not names_something("その理由は？")
    assert names_something("その合意は？")
    assert not names_something("List everything, please.")


def test_everyday_english_words_of_asking_name_nothing() -> None:
    # get rid of, is it ok to, what happens if, the don of don't, how late: the question's
    # way of asking, which a piece of house rules need not write.
    def named(question: str) -> set[str]:
        return {p.surface for c in question_compounds(question) for p in c.parts if is_content(p)}

    assert named("how do I get rid of an old mattress") == {"mattress"}
    assert named("what happens if I don't pick up after my dog") == {"pick", "up", "dog"}
    assert named("is it ok to dry clothes on the balcony") == {"dry", "clothes", "balcony"}
    # take and bring ask whether a thing may come (can I take it on board?); types, sorts
    # ask which there are.
    assert named("Can I take my cello on board?") == {"cello", "board"}
    assert named("can I bring my surfboard") == {"surfboard"}
    assert named("What fare types are there?") == {"fare"}
    # The tail of a contraction (the 'll of I'll, the 'm of I'm) and a few name nothing.
    assert named("I'll arrive late and I'm tired. Can you hold a few bags?") == {
        "arrive",
        "tired",
        "hold",
        "bags",
    }


def test_a_counter_after_nan_is_no_noun_the_tagger_glued_to_it() -> None:
    """何|本流|された: 本 counts what 何 asks; 本流 (a main stream) is no word of the question."""
    assert [c.surface for c in question_compounds("明治の洪水で桶は何本流された？")] == [
        "明治",
        "洪水",
        "桶",
    ]
