from bot.core.answer import Answer


def test_a_note_is_unsaid_only_when_the_text_does_not_say_it() -> None:
    note = "The piece does not enumerate factors; these are its key points."
    listed = Answer(f"{note}\n1. A point [¶1]", (), "offline", True, note=note)
    assert listed.unsaid_note is None
    fallback = Answer("1. A point [¶1]", (), "offline", True, note=f" {note} ")
    assert fallback.unsaid_note == note
    assert Answer("text", (), "offline", True).unsaid_note is None
    assert Answer("text", (), "offline", True, note="  ").unsaid_note is None
