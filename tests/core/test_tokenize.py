"""Tokenisers: bigrams, morphemes and the hybrid of both."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import fugashi

from bot.core import tokenize
from bot.core.article import Article
from bot.core.tokenize import (
    bigram_tokens,
    fold,
    hybrid_tokens,
    morph_tokens,
    morphemes,
    stem,
    tokenize_each,
)


def test_fold_width_and_case() -> None:
    assert fold("ＡＢＣ１２３ｱｲｳ") == "abc123アイウ"


def test_bigrams_skip_particle_pairs_and_keep_words() -> None:
    tokens = bigram_tokens("北朝鮮とロシアです。Sanctions 2024")
    assert "北朝" in tokens and "朝鮮" in tokens and "です" not in tokens
    assert "sanction" in tokens and "2024" in tokens  # English words whole, stemmed


def test_morphemes_are_content_lemmas() -> None:
    tokens = morph_tokens("制裁は力を失っているのだ。")
    assert "制裁" in tokens and "失う" in tokens  # lemma, not the inflected form
    assert not {"は", "を", "だ", "いる"} & set(tokens)


def test_question_words_are_dropped() -> None:
    assert morph_tokens("何が要因ですか？誰がいつ？") == ["要因"]


def test_hybrid_marks_bigrams_as_secondary() -> None:
    tokens = hybrid_tokens("核実験")
    assert "核" in tokens or "実験" in tokens
    assert "~核実" in tokens


def test_morphemes_from_many_threads_at_once_are_the_ones_of_one_thread(
    any_article: Article,
) -> None:
    # The tagger reuses one lattice: unguarded, a parse in one thread garbles another's nodes.
    texts = [s.text for s in any_article.sentences] * 2
    alone = [morph_tokens(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(morph_tokens, texts, chunksize=8))
    assert together == alone


def test_morphemes_read_the_features_as_fugashi_does(any_article: Article) -> None:
    # Feature strings are parsed once per distinct string; fugashi's own tuples are the reference.
    tagger = fugashi.Tagger()
    for s in any_article.sentences[:400]:
        expected = [
            (
                w.surface,
                w.feature.pos1,
                w.feature.pos2,
                w.feature.pos3,
                w.feature.orthBase,
                w.feature.lemma.partition("-")[0] if w.feature.lemma else None,
                w.feature.kana or None,
            )
            for w in tagger(s.text)
        ]
        assert [tuple(m) for m in morphemes(s.text)] == expected
        assert [m.base for m in morphemes(s.text)] == [e[4] or e[0] for e in expected]


def test_a_word_is_one_term_whatever_its_spelling() -> None:
    # UniDic's lexeme joins a word's spellings (kanji / katakana, okurigana, long vowels)...
    assert morph_tokens("ピョンヤン") == morph_tokens("平壌")
    assert morph_tokens("コンピュータ") == morph_tokens("コンピューター")
    assert morph_tokens("見込") == morph_tokens("見込み")
    # ...without the loanword's source word.
    assert morph_tokens("ワシントン") == ["ワシントン"]
    assert morphemes("平壌")[0].lexeme == "ピョンヤン"


def test_a_word_written_in_kana_meets_it_in_kanji() -> None:
    assert morph_tokens("りようされている") == morph_tokens("利用されている") == ["利用"]
    assert morph_tokens("しんぶんを読む") == morph_tokens("新聞を読む")
    assert morph_tokens("きゅうりをたべる") == morph_tokens("胡瓜を食べる")
    # Not the kana of grammar: question words, stopwords, nouns used as adverbs (…したあと,
    # …のために, ところで), a verb's stem in によって.
    assert morph_tokens("どこ") == []
    assert morph_tokens("いつ") == []
    assert morph_tokens("わかったこともある") == ["分かる"]
    assert morph_tokens("追い払ったあと") == ["追い払う"]
    assert morph_tokens("準備のために") == ["準備"]
    assert morph_tokens("ところで") == []
    assert morph_tokens("地震によって") == ["地震"]
    # Nor a short word, whose lexeme is a guess (あめ is 飴 to UniDic, not 雨), or a form noun.
    assert morph_tokens("あめの日") == ["日"]
    assert morph_tokens("そういうわけではない") == []


def test_a_two_kana_noun_of_a_kanji_compound_meets_it_in_kanji() -> None:
    # けが is 怪我: a lexeme of two kanji has one sense, as 飴 (あめ) or 無し (なし) may not.
    assert morph_tokens("けがはどのくらい？") == morph_tokens("怪我はどのくらい？") == ["怪我"]
    assert morph_tokens("けがの程度") == ["怪我", "程度"]
    assert morph_tokens("紹介状なしで") == ["紹介"]
    # Not inside a longer word of kana: うみかぜ鉄道 is no cold (風邪).
    assert morph_tokens("うみかぜ鉄道") == ["鉄道"]


def test_words_of_every_script_are_terms() -> None:
    # Cyrillic, Greek and accented Latin words are words; Russian ones are stemmed.
    assert "~" + stem("россии") in hybrid_tokens("столица России")
    assert stem("россии") == stem("россия")
    assert "~χώρα" in hybrid_tokens("Ελλάδα είναι χώρα")
    assert "~français" in hybrid_tokens("L'état français")
    # Hangul: words without their particles and endings, and character bigrams.
    assert {"한글날", "~한글", "~글날"} <= set(hybrid_tokens("한글날은 언제인가요?"))
    # Japanese is unchanged: a figure and the kanji after it are separate terms.
    assert {"~1986", "~年に"} <= set(hybrid_tokens("1986年に加盟"))


def test_english_words_match_across_inflections() -> None:
    assert stem("arrived") == stem("arrive") == stem("arrives")
    assert morph_tokens("The keepers arrived.") == morph_tokens("a keeper arrives")
    assert "~" + stem("burned") in hybrid_tokens("What did the lamp burn?")
    # Japanese, figures and short words are left as they are.
    assert stem("検索") == "検索" and stem("1871") == "1871" and stem("gdp") == "gdp"


def test_stems_from_many_threads_at_once_are_the_ones_of_one_thread() -> None:
    words = [f"{w}{n}ing" for n in range(300) for w in ("walk", "talk", "fish")]
    words = ["".join(c for c in w if c.isalpha()) + "s" * (i % 3) for i, w in enumerate(words)]
    alone = [stem(w) for w in words]
    stem.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(stem, words))
    assert together == alone


def test_a_long_text_is_tagged_in_parts_as_it_would_be_whole(any_article: Article) -> None:
    # One parse holds the interpreter lock throughout: a long paragraph is tagged in parts
    # cut at sentence ends, which gives the tokens of one parse.
    body = "".join(p.text for p in any_article.paragraphs)
    text = body * (3 * tokenize._TAG_PART_CHARS // len(body) + 1)
    assert len(text) > 2 * tokenize._TAG_PART_CHARS
    parts = tokenize._tag_parts(text)
    assert len(parts) > 2 and "".join(parts) == text
    assert all(len(p) <= tokenize._TAG_PART_CHARS for p in parts)
    whole = [w.surface for w in fugashi.Tagger()(text)]
    assert [m.surface for m in morphemes(text)] == whole


def test_a_text_without_sentence_ends_is_cut_where_it_must_be() -> None:
    text = "あ" * (tokenize._TAG_PART_CHARS * 2 + 5)
    parts = tokenize._tag_parts(text)
    assert [len(p) for p in parts] == [tokenize._TAG_PART_CHARS] * 2 + [5]


def test_a_text_met_before_is_tokenised_once() -> None:
    calls: list[str] = []

    def counted(text: str) -> list[str]:
        calls.append(text)
        return morph_tokens(text)

    texts = ["地震は起こる。", "The tide rose.", "地震は起こる。", "The tide rose."]
    seen: dict[str, list[str]] = {}
    assert tokenize_each(texts, counted, seen) == [morph_tokens(t) for t in texts]
    again = tokenize_each(["The tide rose.", "Ships left."], counted, seen)
    assert again[0] is seen["The tide rose."]
    assert calls == ["地震は起こる。", "The tide rose.", "Ships left."]


def test_a_numbered_part_is_also_one_term() -> None:
    # 第7条 is not just 第, 7 and 条 (which 第8条 shares): the whole is a term too.
    assert "第7条" in morph_tokens("第7条は何を定めている？")
    assert "第3回" in morph_tokens("第3回大会")
    assert morph_tokens("7条") == ["7", "条"]
    assert not any(t.startswith("第") and len(t) > 1 for t in morph_tokens("第一に、費用が高い。"))


def test_words_written_in_hiragana_only_give_their_shared_stems() -> None:
    assert tokenize.kana_stems("いちばんおいしかったものは何？") == ["おいし"]
    assert tokenize.kana_stems("たのしかった？") == ["たのし"]
    assert tokenize.kana_stems("どうなったの？") == []  # なる: too short to tell


def test_an_english_verb_s_irregular_past_is_searched_as_the_verb() -> None:
    assert tokenize.stem("built") == tokenize.stem("build")
    assert tokenize.stem("lost") == tokenize.stem("lose")
    assert tokenize.stem("ran") == tokenize.stem("run")  # short forms too
    # A short word ending in y meets its inflections as Snowball stems them (dry, drying).
    assert tokenize.stem("dry") == tokenize.stem("drying") == tokenize.stem("dried")
    assert tokenize.stem("day") == tokenize.stem("days") and tokenize.stem("gas") == "gas"
    # A past form that is also another word is left alone: the left bank, a found object.
    assert tokenize.stem("left") != tokenize.stem("leave")
    assert tokenize.stem("found") != tokenize.stem("find")


def test_an_english_noun_s_irregular_plural_is_searched_as_the_noun() -> None:
    assert tokenize.stem("women") == tokenize.stem("woman")
    assert tokenize.stem("children") == tokenize.stem("child")
    assert tokenize.regular("teeth") == "tooth" and tokenize.regular("tooth") == "tooth"
    # A plural that is also another word is left alone: the leaves of a table, lives on.
    assert tokenize.regular("leaves") == "leaves"


def test_a_unit_symbol_is_the_word_it_reads_as() -> None:
    # 20％ is 20 パーセント, in either width: a question's パーセント meets the piece's ％.
    for text in ("補助は20％です", "補助は20%です", "補助は20パーセントです"):
        assert "パーセント" in morph_tokens(text)
    assert "円" in morph_tokens("¥500") and "ドル" in morph_tokens("$5")


def test_a_unit_of_measure_is_one_word_however_written() -> None:
    # 7.2cm, 7.2センチ and 7.2センチメートル: a question's 何センチ meets the piece's cm.
    for text in ("高さは7.2cmです", "高さは7.2センチです", "高さは7.2センチメートルです"):
        assert "センチ" in morph_tokens(text)
    assert "センチ" in morph_tokens("何センチ？") and "キロ" in morph_tokens("何キロメートル？")
    assert {"キロ", "kg"} <= set(morph_tokens("体重は2.8kg"))  # the symbol stays a word too
    # A Latin letter is a unit only after a figure: the m of "m のサイズ" is no metre.
    assert "メートル" not in morph_tokens("mのサイズ") and "メートル" in morph_tokens("幅5m")
    # Electricity's units: 20A is 20アンペア, 60W 60ワット; A棟 is no ampere.
    assert "アンペア" in morph_tokens("20A以下の方はご相談ください")
    assert "アンペア" not in morph_tokens("A棟の工事")
    assert {"ワット", "キロワット時"} <= set(morph_tokens("60Wの電球を1kWh使う"))


def test_a_counter_asked_meets_the_figures_it_counts() -> None:
    """何隻 and 2隻 share a term, so the line giving a count of ships is found for 何隻;
    a kanji numeral's counter (一つ挙げよ asks no count) and 人 (no counter to UniDic, and in
    nearly every line about people) give none."""
    assert "#隻" in hybrid_tokens("1人が使う船は何隻？")
    assert "#隻" in hybrid_tokens("船コマ（赤・青） | 各色2隻")
    assert not [t for t in hybrid_tokens("日本の市を一つ挙げよ") if t.startswith("#")]
    assert not [t for t in hybrid_tokens("定員は何人？20人です") if t.startswith("#")]
    # A search term only: the words a question names are as they were.
    assert morph_tokens("船は何隻？") == ["船"]
