import gc
import weakref

from bot.core.article import parse_article
from bot.core.files import load_article
from bot.core.jmdict import gloss_key, rare_kin_of, stem
from bot.core.lexicon import (
    synonyms_in_piece,
    to_japanese_query,
    translate_question,
)
from bot.core.vocabulary import PieceVocabulary
from tests.conftest import TEST_DATA


def test_stems_and_gloss_keys() -> None:
    assert stem("sanctions") == "sanction" and stem("ratified") == "ratify"
    assert gloss_key("nuclear (bomb) test") == "nuclear test"
    assert gloss_key("to let go of") == "let go"


def test_english_question_becomes_the_pieces_own_words(article) -> None:  # type: ignore[no-untyped-def]
    piece = PieceVocabulary(article)
    q = to_japanese_query("When did the State Duma ratify the Russia–North Korea treaty?", piece)
    for word in ("批准", "ロシア", "北朝鮮", "条約"):
        assert word in q
    assert "ティモフェーエフ" in to_japanese_query("What position does Ivan Timofeev hold?", piece)
    unknown = translate_question("What did Xi Jinping say about the treaty?", piece).unknown
    assert unknown == ("xi", "jinping")
    # A name one of whose words the piece has (State → 国家) is not unknown; its other
    # word is only absent.
    duma = translate_question("When did the State Duma ratify the treaty?", piece)
    assert duma.unknown == () and duma.absent == ("duma",) and "批准" in duma.query


def test_synonyms_come_from_the_piece(article) -> None:  # type: ignore[no-untyped-def]
    piece = PieceVocabulary(article)
    assert "制裁" in synonyms_in_piece("罰", piece)
    assert synonyms_in_piece("存在しない語", piece) == []


def test_sudachi_synonyms_come_first() -> None:
    # No JMdict gloss joins エアポート and 空港; Sudachi's synonym groups do.
    piece = PieceVocabulary(parse_article("港\n\n成田空港は1978年に開港した。\n"))
    assert synonyms_in_piece("エアポート", piece) == ["空港"]


def test_a_formal_word_of_the_same_thing_sharing_a_kanji_is_found() -> None:
    # 家賃 and 賃料 share the gloss "rent" (賃料 among JMdict's rarer entries) and 賃: a
    # question in everyday words finds the listing's formal one. A word of no kanji has none.
    piece = PieceVocabulary(parse_article("物件\n\n賃料は月額86,000円です。\n"))
    assert "賃料" in rare_kin_of("家賃") and "賃料" in synonyms_in_piece("家賃", piece)
    assert rare_kin_of("ホテル") == ()


def test_a_katakana_synonym_is_a_whole_word_of_the_piece() -> None:
    # 電話 shares the gloss "phone" with フォン, which the piece writes only inside スマートフォン.
    piece = PieceVocabulary(parse_article("防災\n\nスマートフォンの充電器を持ち出す。\n"))
    assert "フォン" not in synonyms_in_piece("電話", piece)
    piece = PieceVocabulary(parse_article("防災\n\nフォンで連絡する。\n"))
    assert "フォン" in synonyms_in_piece("電話", piece)


def test_a_latin_word_the_piece_writes_is_kept() -> None:
    # WBGT is no name to find by sound nor to translate: the piece writes it as it is.
    piece = PieceVocabulary(parse_article("暑さ\n\n下校時のWBGTは31℃を超えた。\n"))
    asked = translate_question("How high did the WBGT get after school?", piece)
    assert "wbgt" in asked.query.split() and asked.unknown == ()


def test_a_longer_word_the_piece_writes_as_a_loanword_is_found_by_sound() -> None:
    # The dictionary's common entries give segment no katakana form; the piece writes one.
    piece = PieceVocabulary(parse_article("決算\n\nセグメント別では海外が伸びた。\n"))
    assert "セグメント" in to_japanese_query("Which segment grew?", piece)
    # A shorter common word is not matched by sound (number is no ナンバー of the piece).
    piece = PieceVocabulary(parse_article("車\n\nナンバープレートを付け替えた。\n"))
    assert "ナンバープレート" not in to_japanese_query("What number?", piece)


def test_a_word_of_one_kanji_is_found_when_the_piece_writes_no_longer_form() -> None:
    # bridge → 橋, which the piece writes as a word of its own; it had been left out.
    piece = PieceVocabulary(parse_article("鉄道\n\nみさき線には橋が86か所ある。\n"))
    translated = translate_question("How many bridges does the line have?", piece)
    assert "橋" in translated.query.split() and "bridges" not in translated.absent
    # One kanji inside a longer word is no word of the piece's own (橋本 is a name).
    piece = PieceVocabulary(parse_article("来客\n\n橋本さんが工場を見学した。\n"))
    assert "橋" not in to_japanese_query("How many bridges?", piece).split()
    # Only the word's own first form: station is no 次 (a post town, in another sense).
    piece = PieceVocabulary(parse_article("料理\n\n次に、玉ねぎを切ります。\n"))
    assert translate_question("Where is the station?", piece).query == "Where is the station?"
    # With a longer form in the piece, the kanji alone is not added: photo → 写真, not 写.
    piece = PieceVocabulary(parse_article("撮影\n\n写真の撮影はご遠慮ください。\n"))
    assert to_japanese_query("photos", piece).split() == ["写真"]


def test_a_word_of_one_kanji_is_found_when_it_is_an_everyday_translation() -> None:
    # The table lists the entries that gloss a word most directly first (car: 自動車, 車),
    # and a kanji that the word's other forms are built on counts too (shop: 店舗, 商店 → 店).
    piece = PieceVocabulary(parse_article("祭り\n\n車で来る人は町営駐車場を使う。店も並ぶ。\n"))
    assert "車" in to_japanese_query("Can I come by car?", piece).split()
    assert "店" in to_japanese_query("Are there any shops?", piece).split()
    # A kanji far down a word's list is not taken: segment (of a citrus fruit) → 総.
    piece = PieceVocabulary(parse_article("決算\n\n総売上は伸びた。\n"))
    assert "総" not in to_japanese_query("Which segment grew?", piece).split()


def test_a_word_the_piece_writes_only_in_a_compound_it_heads_is_found() -> None:
    # station: JMdict glosses 駅 "train station" only; lunch → 給食 ("school lunch").
    piece = PieceVocabulary(parse_article("案内\n\n最寄りの駅から徒歩5分。給食費は月4,850円。\n"))
    assert "駅" in to_japanese_query("Which station is nearest?", piece).split()
    assert "給食" in to_japanese_query("How much is lunch?", piece).split()
    # Not where the piece writes many such compounds: office is none of them in particular.
    piece = PieceVocabulary(parse_article("窓口\n\n市役所、支店、本店、本庁の窓口。\n"))
    assert "支店" not in to_japanese_query("When is the office open?", piece).split()


def test_a_kana_form_is_found_only_where_a_word_starts() -> None:
    # meeting's kana しょうか is no word of 送りましょうか.
    piece = PieceVocabulary(parse_article("連絡\n\n資料を送りましょうか。\n"))
    assert "しょうか" not in to_japanese_query("When is the meeting?", piece).split()


def test_a_word_of_three_kana_is_found_where_it_is_one_of_the_piece_s_words() -> None:
    # rabbit: the piece writes うさぎ, in kana, as a word; not ある or いう, which match anywhere.
    hotel = "料金\n\n小動物もお預かりします。\nうさぎ・フェレット | 2,750円\n"
    piece = PieceVocabulary(parse_article(hotel))
    assert "うさぎ" in to_japanese_query("Do you board rabbits?", piece).split()


def test_a_figure_and_the_word_after_it_are_found_as_the_piece_writes_them() -> None:
    # 3-day → 3日 of 3日券 (not 当日); a word the piece never writes after the figure is
    # translated as usual.
    passes = "料金\n\n3日券 | 3,500円\n\n当日のみ有効です。大人2名まで。\n"
    piece = PieceVocabulary(parse_article(passes))
    assert to_japanese_query("How much is the 3-day pass?", piece).split()[0] == "3日"
    assert "2大人" not in to_japanese_query("Is it free for 2 adults?", piece)
    # 2 hours is no 2時 (a time of day) where the piece writes hours as 時間.
    hours = "案内\n\n営業時間は9時から17時までです。2時に閉まる日もあります。\n"
    piece = PieceVocabulary(parse_article(hours))
    assert "2時" not in to_japanese_query("Is it open for 2 hours?", piece).split()


def test_a_percentage_meets_the_pieces_percent_sign() -> None:
    piece = PieceVocabulary(parse_article("補助\n\n省エネ改修は工事費の20％を補助する。\n"))
    translated = translate_question("What percentage is covered?", piece)
    assert "パーセント" in translated.query.split() and "percentage" not in translated.absent


def test_a_measure_asked_with_an_everyday_english_word_is_the_piece_s() -> None:
    # how often → interval → 間隔, which the piece writes (20分間隔); often itself is not.
    piece = PieceVocabulary(parse_article("バス\n\n循環バスは日中20分間隔で走る。\n"))
    translated = translate_question("How often does the bus run?", piece)
    assert "間隔" in translated.query and "often" not in translated.absent


def test_other_piece() -> None:
    a = PieceVocabulary(load_article(TEST_DATA / "jishin-zakkan.txt"))
    assert "地震" in to_japanese_query("earthquake prediction", a)


def test_lookups_keep_no_piece_alive() -> None:
    # A piece the library lets go of (its engine out of the LRU) must not stay in memory.
    article = load_article(TEST_DATA / "jishin-zakkan.txt")
    piece = PieceVocabulary(article)
    translate_question("What did Omori Fusakichi say about the earthquake?", piece)
    synonyms_in_piece("罰", piece)
    gone = weakref.ref(article)
    del article, piece
    gc.collect()
    assert gone() is None


def test_a_language_or_people_names_its_country() -> None:
    """Danish is デンマーク語 in the dictionary: the piece's デンマーク is found through it, so
    "Danish" is no unknown name (it used to decline the question outright)."""
    piece = PieceVocabulary(
        parse_article(
            "デンマークの話\n\nデンマークは欧州北部の小国である。\nロシアは大国である。\n"
        )
    )
    danish = translate_question("Which Danish writer wrote fairy tales?", piece)
    assert danish.unknown == () and "デンマーク" in danish.query
    assert "ロシア" in to_japanese_query("What do Russians think?", piece)


# An invented biography whose names are written in kanji and in hiragana.
_CLOCKMAKER = """時計職人　伊藤しずの生涯

伊藤しずは1901年に群馬県の桐生で生まれた。父の伊藤慎一は時計店を営んでいた。

1920年、しずは東京へ出て、新橋の工房で大野純一郎に弟子入りした。

1935年、しずは自分の店を京都に開いた。最初の弟子の小野かなは、のちに店を継いだ。
"""


def test_romanised_names_are_the_pieces_names_by_reading() -> None:
    piece = PieceVocabulary(parse_article(_CLOCKMAKER))
    for question in (
        "Where was Shizu Ito born?",
        "Where was Itō Shizu born?",  # family name first, a long vowel marked
        "Shizu Itoh was born where?",  # the first word, which no English dictionary knows
    ):
        t = translate_question(question, piece)
        assert t.unknown == () and {"しず", "伊藤", "生まれ"} <= set(t.query.split()), question
    t = translate_question("Who is Jun'ichirō Ohno?", piece)
    assert {"純一郎", "大野"} <= set(t.query.split())
    assert "慎一" in to_japanese_query("What did Shinichi Ito do?", piece)
    # A place the tagger reads as a common compound is met through the compounds' readings.
    assert "新橋" in to_japanese_query("What did she do in Shimbashi?", piece)
    assert "東京" in to_japanese_query("When did she go to Toukyou?", piece)


def test_an_english_word_is_a_name_only_when_it_spells_a_proper_noun_exactly() -> None:
    text = _CLOCKMAKER + "\n戦後、物価の高騰で店は苦しんだ。モーセの絵を店に飾った。\n"
    piece = PieceVocabulary(parse_article(text))
    # Koto is an English word (the instrument): not the compound 高騰 it spells.
    assert "高騰" not in to_japanese_query("Does she play the Koto?", piece)
    # Mouse is an English word: neither モーセ (mose, by folding ou) nor by sound.
    assert "モーセ" not in to_japanese_query("Does the piece mention a Mouse?", piece)
    # Names still match, in any spelling when English does not know the word.
    assert {"しず", "伊藤"} <= set(to_japanese_query("Where was Shizu Itou born?", piece).split())
    assert "東京" in to_japanese_query("When did she go to Tokyo?", piece)


def test_a_lower_case_name_is_a_proper_noun_only() -> None:
    piece = PieceVocabulary(parse_article(_CLOCKMAKER))
    query = to_japanese_query("where was shizu ito born?", piece).split()
    assert {"しず", "伊藤", "生まれ"} <= set(query)
    # A compound is no name in lower case (新橋 is tagged a common noun), nor an English word.
    assert "新橋" not in to_japanese_query("what did she do in shimbashi?", piece)
    assert "かな" not in to_japanese_query("who is kana ono?", piece)


def test_a_possessive_name_is_the_name() -> None:
    piece = PieceVocabulary(parse_article(_CLOCKMAKER))
    assert "しず" in to_japanese_query("Who was Shizu's teacher?", piece).split()
    assert "伊藤" in to_japanese_query("What was Ito’s first shop?", piece).split()
    # Only a trailing 's goes: Shizus (no apostrophe) is no name of the piece.
    assert translate_question("Who was Shizus teacher?", piece).unknown == ("shizus",)


def test_english_words_do_not_become_japanese_names() -> None:
    piece = PieceVocabulary(parse_article(_CLOCKMAKER + "\n利根川のほとりで時計を売った。\n"))
    # Lower case, or first in the question and an English word: English, not かな or 利根.
    assert "かな" not in to_japanese_query("What does kana mean?", piece)
    assert "かな" not in to_japanese_query("Kana is written how?", piece)
    assert "利根" not in to_japanese_query("What tone does the piece take?", piece)
    # Capitalised mid-sentence and read exactly as a name the piece writes: the name.
    assert "かな" in to_japanese_query("Who is Kana Ono?", piece)
    # Names the piece does not write stay unknown, and the question is declined as before.
    assert translate_question("Where was Hanako Sato born?", piece).unknown == ("hanako", "sato")
    assert translate_question("Who taught Shiza?", piece).unknown == ("shiza",)
    assert translate_question("What does Mind say?", piece).unknown == ("mind",)


def test_words_that_open_a_sentence_are_no_names_the_piece_lacks() -> None:
    """An English word that opens a sentence is capitalised as any would be, and a
    contraction (I'm, we're) is a pronoun and a verb: neither is a name the piece never writes
    (they had declined the question outright)."""
    piece = PieceVocabulary(parse_article(_CLOCKMAKER))
    for question in (
        "I'm a collector. Where was Shizu's first shop?",
        "We're visiting. List everything Shizu repaired.",
        "Am I allowed to see the clocks? Mine stopped.",
    ):
        assert translate_question(question, piece).unknown == (), question
    # A word no dictionary knows is still a name, at a sentence's start too.
    assert translate_question("Shiza opened a shop. When?", piece).unknown == ("shiza",)
    # So is a capitalised English word mid-sentence that the piece does not write.
    assert translate_question("What does Mind say?", piece).unknown == ("mind",)


def test_a_participle_is_found_through_its_verb() -> None:
    # born → "to be born" → 生まれる, written 生まれた: found by its stem; 見る's stem 見 is not.
    piece = PieceVocabulary(parse_article("町の話\n\n彼はこの町で生まれた。\n"))
    assert "生まれ" in to_japanese_query("Where was he born?", piece)


def test_a_phrase_is_found_in_its_clipped_katakana_form() -> None:
    # studio apartment → ワンルームマンション, written ワンルーム: マンション (apartment) cut.
    piece = PieceVocabulary(parse_article("住まいの話\n\n学生の多くはワンルームに住む。\n"))
    assert "ワンルーム" in to_japanese_query("Who lives in a studio apartment?", piece)
    # Not inside a longer katakana word: ワンルームズ is another word.
    other = PieceVocabulary(parse_article("店の話\n\nワンルームズという店がある。\n"))
    assert "ワンルーム" not in to_japanese_query("Who lives in a studio apartment?", other)


def test_a_word_the_piece_writes_in_a_less_common_form_is_found() -> None:
    # The common entries give landlord → 家主, 大家; a lease writes 貸主. renewal fee is
    # glossed only by 更新料, an entry without a frequency mark.
    piece = PieceVocabulary(
        parse_article("契約\n\n貸主は山田一郎とする。更新料は賃料の1か月分とする。\n")
    )
    assert "貸主" in to_japanese_query("Who is the landlord?", piece).split()
    assert to_japanese_query("What is the renewal fee?", piece).split() == ["更新料"]
    # A common form the piece writes comes first: born → 生まれる (written 生まれた), not the
    # rare 天成 (born, by nature).
    piece = PieceVocabulary(parse_article("人物\n\n天成の画家で、京都に生まれた。\n"))
    assert to_japanese_query("Where was he born?", piece).split() == ["生まれ"]
    # A rare katakana form is a whole word of the piece: ワンルーム is not ワンルームズ's.
    piece = PieceVocabulary(parse_article("店の話\n\nワンルームズという店がある。\n"))
    assert "ワンルーム" not in to_japanese_query("studio apartment", piece)


def test_table_lookups_find_every_key_and_no_other() -> None:
    from bot.core.jmdict import _find_key

    text = "\n# licence\na\tあ\nb c\tび|し\nbe\tべ\nz\tぜ\n"
    for key, forms in (("a", ("あ",)), ("b c", ("び", "し")), ("be", ("べ",)), ("z", ("ぜ",))):
        assert _find_key(text, key) == forms
    for absent in ("", "#", "0", "b", "bz", "zz", "~"):
        assert _find_key(text, absent) == ()


def test_everyday_words_of_asking_are_not_looked_up_nor_absent() -> None:
    # what happens if, don't (with a typographic apostrophe): neither is a word the piece lacks.
    piece = PieceVocabulary(parse_article("契約\n\n賃料の支払を怠ったときは、契約を解除できる。\n"))
    translated = translate_question("What happens if I don’t pay the rent?", piece)
    assert translated.absent == () and "賃料" in translated.query.split()


def test_a_verb_in_e_meets_the_glosses_of_its_ing_form() -> None:
    # 運転 is glossed "driving (a vehicle)", keyed driv: drive finds it there.
    piece = PieceVocabulary(parse_article("注意\n\n服用後、乗物の運転をしないでください。\n"))
    assert "運転" in to_japanese_query("Can I drive after taking it?", piece).split()


def test_a_name_asked_for_is_searched_as_the_piece_writes_it() -> None:
    piece = PieceVocabulary(parse_article("日記\n\n猫が来た。名前は「こむぎ」にした。\n"))
    assert to_japanese_query("What's the cat's name?", piece).split() == ["猫", "名前"]


def test_bring_is_translated_though_it_names_nothing_the_piece_lacks() -> None:
    # (compounds: can I bring my surfboard? lacks only the surfboard.) What should I bring?
    # asks for what to bring all the same.
    piece = PieceVocabulary(parse_article("祭り\n\n当日は帽子を持ってくること。\n"))
    assert translate_question("What should I bring?", piece).query == "持ってくる"


def test_a_name_after_a_title_s_full_stop_is_mid_sentence() -> None:
    # Ms. Kana Ono: the full stop is the title's, so Kana does not open a sentence; it is the
    # piece's かな, and Ms is no name of its own that the piece lacks (it had been declined).
    piece = PieceVocabulary(parse_article(_CLOCKMAKER))
    t = translate_question("Whose first apprentice was Ms. Kana Ono?", piece)
    assert t.unknown == () and "かな" in t.query.split()
    assert translate_question("Who was Dr. Brown?", piece).unknown == ("dr", "brown")


def test_a_verb_the_piece_writes_in_its_continuative_form_is_found() -> None:
    """pay → 支払う, written お支払いください: not left untranslated."""
    piece = PieceVocabulary(
        parse_article("ご注文の流れ\n\n4. お支払いください（クレジットカード、銀行振込）。\n")
    )
    t = translate_question("How can I pay?", piece)
    assert "支払い" in t.query.split()


def test_a_romaji_name_is_read_with_its_sounds_voiced_or_hyphenated() -> None:
    """Kozuchibashi is 小槌橋 said as one word; Tsugumi-ga-take is 鶫ヶ岳."""
    piece = PieceVocabulary(
        parse_article(
            "店舗のご案内\n\n小槌橋店は10時から19時まで営業します。\n鶫ヶ岳の標高は1,812mです。\n"
        )
    )
    t = translate_question("When does the Kozuchibashi store open?", piece)
    assert "小槌橋" in t.query.split() and t.unknown == ()
    t = translate_question("How high is Tsugumi-ga-take?", piece)
    assert "鶫ヶ岳" in t.query.split() and t.unknown == ()
