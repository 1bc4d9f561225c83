from benchmarks.eval_qa import met_mark


def test_a_target_is_met_on_the_exact_value_not_the_rounded_one() -> None:
    """4,047 of 4,307 shows as 94.0 % and is 93.97 %: short of ≥ 94."""
    assert met_mark("≥ 94", 100 * 4047 / 4307) == " ❌"
    assert met_mark("≥ 94", 100 * 4049 / 4307) == " ✅"
    assert met_mark("≤ 1", 1.04) == " ❌" and met_mark("≤ 200", 182) == " ✅"
    assert met_mark("≥ 80", None) == ""
