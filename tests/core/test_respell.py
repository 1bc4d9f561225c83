import time

from bot.core.normalize import loose_fold
from bot.core.respell import (
    compound_readings,
    in_katakana,
    respell,
    respell_homophones,
    respell_katakana,
    unwritten_kana,
    unwritten_katakana,
)
from bot.core.tokenize import morphemes

PIECE = (
    "市は保水性舗装の導入を進めている。粗大ごみの料金は品目ごとに決まっている。",
    "本店は来月末で閉店する。貸出期間は二週間とする。",
    "北地区では乗合タクシーを運行する。",
)


def _readings() -> dict[str, str]:
    return compound_readings(morphemes(p) for p in PIECE)


def test_a_word_typed_in_kana_is_spelt_as_the_piece_writes_it() -> None:
    readings = _readings()
    assert respell("ほすいせいほそうとは？", readings) == "保水性舗装とは？"
    assert respell("へいてんはいつ？", readings) == "閉店はいつ？"
    # Word after word, across a particle; and after a particle that opens the run.
    assert respell("そだいごみのりょうきんは？", readings) == "粗大ごみの料金は？"
    assert respell("本のかしだしきかんは何日？", readings) == "本の貸出期間は何日？"
    # A loanword typed in hiragana, with its long-vowel mark.
    assert respell("のりあいたくしーはどこを走る？", readings) == "乗合タクシーはどこを走る？"


def test_only_what_reads_as_a_whole_word_of_the_piece_is_respelt() -> None:
    readings = _readings()
    # A reading that ends inside a longer word (りょうきんひょう), or a word the piece does
    # not have, is left as typed; so is the kana of grammar.
    for question in (
        "りょうきんひょうは？",
        "ほそうどうろはどこ？",
        "どのくらいかかりますか",
        "いつからですか？",
        "料金はいくらですか？",
    ):
        assert respell(question, readings) == question
    assert respell("へいてんはいつ？", {}) == "へいてんはいつ？"


def test_the_piece_spells_a_reading_as_it_does_most() -> None:
    texts = ("灯台局に入る。", "燈台局の記録。", "燈台局へ。")
    readings = compound_readings(morphemes(t) for t in texts)
    assert readings["トウダイキョク"] == "燈台局"
    # A compound stops at a paragraph's end: a heading's noun does not run into the next line.
    readings = compound_readings(morphemes(t) for t in ("料金", "期間は二週間。"))
    assert "リョウキンキカン" not in readings


def test_a_short_reading_is_too_many_words_to_respell() -> None:
    # じしん is 地震, 自信 or 自身: the piece's word may not be the reader's.
    readings = compound_readings([morphemes("大きな地震が起きた。")])
    assert respell("じしんはあった？", readings) == "じしんはあった？"


def test_a_noun_used_as_a_verb_is_respelt_before_its_form_of_suru() -> None:
    # りよう alone has many words (利用, 理容); before される it is the piece's verbal noun.
    readings = compound_readings([morphemes("塩基は医薬品として利用されている。")])
    assert respell("何にりようされている？", readings) == "何に利用されている？"
    assert respell("りようできますか", readings) == "利用できますか"
    # Only a noun that する makes a verb of: not 今日 or 小 before された by chance.
    others = compound_readings([morphemes("今日は小さな会の日。小の字を書く。")])
    assert respell("きょうされた", others) == "きょうされた"
    assert respell("しょうしたのは誰", others) == "しょうしたのは誰"
    # Not before other kana (りようにん), nor alone.
    for question in ("りようにんは？", "りようは？", "りようかいな"):
        assert respell(question, readings) == question


def test_only_a_kana_word_the_piece_never_writes_asks_for_respelling() -> None:
    text = loose_fold("".join(PIECE))
    assert unwritten_kana("へいてんはいつ？", text)
    # Kana the piece writes itself (ごと, いる), or grammar alone: nothing to respell.
    assert not unwritten_kana("品目ごとに決まっているのは何？", text)
    assert not unwritten_kana("いつですか？", text)


HOMOPHONES = (
    "説明書は大切に保管してください。",
    "夕ご飯は民宿で食べた。",
    "国家の予算が決まった。",
    "水道の使用量は毎月検針する。乾燥期には展示会を開く。",
)


def _homophones(question: str) -> str:
    readings = compound_readings(morphemes(p) for p in HOMOPHONES)
    text = loose_fold("".join(HOMOPHONES))
    return respell_homophones(question, lambda: readings, text)


def test_a_word_the_input_method_chose_wrongly_is_spelt_as_the_piece_writes_it() -> None:
    # 保官 and 夕ご販 are no words: the tagger cuts them (保|官), and they read as the piece's.
    assert _homophones("保官方法は？") == "保管方法は？"
    assert _homophones("夕ご販は何だった？") == "夕ご飯は何だった？"


def test_a_real_word_or_one_sharing_no_character_is_left_as_typed() -> None:
    # 国花 is a word the reader meant (the piece's 国家 reads the same): asked, not mistyped.
    assert _homophones("国花は何？") == "国花は何？"
    # 補完 reads ホカン too, but is a word, and 歩官 shares no character with 保管.
    assert _homophones("補完の方法は？") == "補完の方法は？"
    assert _homophones("歩官の方法は？") == "歩官の方法は？"
    # A word and a suffix, or a kanji that ends a compound, is a word too (使用料, 乾燥機).
    assert _homophones("使用料はいくら？") == "使用料はいくら？"
    assert _homophones("乾燥機の使い方は？") == "乾燥機の使い方は？"


def test_a_word_the_dictionary_knows_is_the_reader_s_own() -> None:
    from bot.core.jmdict import is_japanese_word

    pieces = ("二次回の抽選は来週に行う。",)
    readings = compound_readings(morphemes(p) for p in pieces)
    text = loose_fold("".join(pieces))
    # 二次会 is cut 二次|会 like a slip, but it is a word: the piece's 二次回 is another.
    assert respell_homophones("二次会の会場は？", lambda: readings, text, is_japanese_word) == (
        "二次会の会場は？"
    )
    assert respell_homophones("二次会の会場は？", lambda: readings, text) != "二次会の会場は？"


def test_the_piece_s_readings_are_asked_for_only_for_a_word_it_lacks() -> None:
    def readings() -> dict[str, str]:
        raise AssertionError("the piece need not be tagged")

    text = loose_fold("".join(HOMOPHONES))
    assert respell_homophones("保管の方法は？", readings, text) == "保管の方法は？"


def test_a_word_inside_a_longer_compound_of_the_piece_is_respelt() -> None:
    # The piece writes 消防署 only inside 北野町消防署.
    readings = compound_readings([morphemes("火事のときは北野町消防署に知らせる。")])
    assert respell("しょうぼうしょの電話番号は？", readings) == "消防署の電話番号は？"


def test_the_words_at_the_end_of_a_long_compound_are_read_too() -> None:
    piece = "北野町西部地区自主防災組織連絡協議会事務局長が話した。"
    readings = compound_readings([morphemes(piece)])
    assert respell("きょうぎかいのじむきょくちょうは？", readings) == "協議会の事務局長は？"


def test_a_katakana_word_typed_in_hiragana_is_spelt_as_the_piece_writes_it() -> None:
    katakana = tuple(sorted(["アルカリ", "イクラ", "キャンセル", "テニスコート", "レンタサイクル"]))
    # Up to where the piece's katakana word goes on: a kanji (料) or a particle (は) after it.
    assert in_katakana("きゃんせる料わいつから？", katakana) == "キャンセル料わいつから？"
    assert in_katakana("てにすこーとは何時から", katakana) == "テニスコートは何時から"
    assert in_katakana("れんたさいくるは安くなる？", katakana) == "レンタサイクルは安くなる？"
    # A word of its own to the tagger is the reader's (いくら); a short stretch without ー or
    # a small kana is no loanword (あるか, not アルカリ's アルカ).
    assert in_katakana("イクラはいくらですか", katakana) == "イクラはいくらですか"
    assert in_katakana("何都市あるか", katakana) == "何都市あるか"
    assert in_katakana("きゃんせるは？", ()) == "きゃんせるは？"
    # A stretch that ends inside a syllable opens no word: しょっ of しょっちゅう (ショップ).
    shop = ("ショップ",)
    assert in_katakana("しょっちゅうありますか", shop) == "しょっちゅうありますか"
    assert in_katakana("しょっぷは何時から", shop) == "ショップは何時から"


def test_a_long_run_of_hiragana_is_read_in_linear_time() -> None:
    # Each stretch of the run was spelt and looked up: 12,000 kana took seconds.
    question = "きゃんせるのりょうきん" * 1200
    started = time.perf_counter()
    assert in_katakana(question, ("キャンセル",)).startswith("キャンセルのりょうきん")
    assert time.perf_counter() - started < 1


def test_a_word_typed_in_katakana_is_spelt_with_the_piece_s_kanji() -> None:
    """ダンボール for the piece's 段ボール: the same reading, the piece's spelling."""
    readings = compound_readings([morphemes("段ボールは50枚まで無料でお届けします。")])
    text = loose_fold("段ボールは50枚まで無料でお届けします。")
    question = "ダンボールは何枚までもらえる？"
    runs = unwritten_katakana(question, text)
    assert runs == ["ダンボール"]
    assert respell_katakana(question, runs, readings) == "段ボールは何枚までもらえる？"
    # A katakana word the piece writes, or one no word of the piece reads as, stays.
    assert unwritten_katakana("ボールは何枚？", text) == []
    assert respell_katakana("ガムテープは？", ["ガムテープ"], readings) == "ガムテープは？"


def test_a_compound_is_also_read_with_a_later_word_voiced() -> None:
    """小槌 + 橋 is said コヅチバシ (Kozuchibashi); its own reading comes first."""
    readings = compound_readings([morphemes("小槌橋店は国道の交差点の角にあります。")])
    assert readings["コヅチバシ"] == "小槌橋"
    assert readings["コヅチハシ"] == "小槌橋"


def test_a_name_joined_by_ga_is_one_compound() -> None:
    """鶫ヶ岳: the tagger reads ヶ as a particle, but it joins the name (ツグミガタケ)."""
    readings = compound_readings([morphemes("鶫ヶ岳の山頂に着いた。")])
    assert readings["ツグミガタケ"] == "鶫ヶ岳"
    assert not any(r.endswith("ガ") for r in readings)
