"""A question's naming words (`bot.core.compounds`)."""

from __future__ import annotations

from bot.core.compounds import names_something, question_compounds


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
