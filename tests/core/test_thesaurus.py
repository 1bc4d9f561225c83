import gzip

from bot.core.thesaurus import AMBIGUOUS, TABLE, synonyms


def test_a_word_s_synonyms_are_the_other_words_of_its_groups() -> None:
    assert "父" in synonyms("父親")
    assert "価格" in synonyms("値段")
    assert synonyms("国連") == ["国際連合"]
    assert "父親" not in synonyms("父親")
    assert synonyms("リボザイム") == []  # in no group


def test_an_ambiguous_member_is_found_but_only_certain_ones_when_asked() -> None:
    # 気象 is in the 天気 group, marked ambiguous (it has other senses): found, not certain.
    assert "気象" in synonyms("天気")
    assert "気象" not in synonyms("天気", certain=True)
    assert "天候" in synonyms("天気", certain=True)


def test_an_ambiguous_member_is_never_looked_up_by() -> None:
    with gzip.open(TABLE, "rt", encoding="utf-8") as f:
        groups = [line.rstrip("\n").split("\t") for line in f]
    ambiguous = {w[1:] for g in groups for w in g if w.startswith(AMBIGUOUS)}
    plain = {w for g in groups for w in g if not w.startswith(AMBIGUOUS)}
    only_ambiguous = sorted(ambiguous - plain)
    assert len(only_ambiguous) > 100
    assert all(synonyms(w) == [] for w in only_ambiguous[:200])
    assert all(len(g) > 1 for g in groups)


def test_a_measure_asked_with_an_everyday_word_and_how_pieces_state_it() -> None:
    from bot.core.thesaurus import measures, measures_in

    assert "面積" in measures("広さ") and "rainfall" in measures("rain")
    assert measures("面積") == ()  # one way: a piece's 面積 is not a reader's 広さ
    assert "質量" in measures_in("本体の重さは？")
    assert measures_in("本体の色は？") == []
    # A price asked with いくら is stated as the piece's 価格 or 料金 (店頭価格 | 29,800円).
    assert {"価格", "料金"} <= set(measures_in("S5 Proっていくら？"))
