from bot.core.numbered_parts import numbered


def test_numbered_parts_are_read_as_numbers_in_any_figures() -> None:
    assert numbered("第8回の大賞") == {(8, "回")}
    assert numbered("第八回と第２８条、第 3 代の館長、第2世代") == {
        (8, "回"),
        (28, "条"),
        (3, "代"),
        (2, "世代"),
    }
    # A number not read is no part: nothing is said to be missing for it.
    assert numbered("第百二十回") == set()
    assert numbered("8回目の大会") == set()
