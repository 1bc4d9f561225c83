from bot.core.article import parse_article
from bot.core.inside_words import words_holding
from bot.core.retrieval import LexicalRetriever
from bot.engines.offline import OfflineEngine

_WARRANTY = parse_article(
    "保証規定\n\n"
    "保証期間内に故障した場合は、無料で修理いたします。\n\n"
    "火災、地震、水害、落雷その他の天災地変による故障は有料修理になります。\n\n"
    "冬季は配送に時間がかかります。落雷による停電にもご注意ください。\n\n"
    "高瀬文具店でお買い上げの方は、店頭でも受け付けます。修理品は箱に入れてお送りください。\n"
)


def _holding(question: str) -> list[str]:
    return words_holding(question, LexicalRetriever(_WARRANTY).window_index.idf)


def test_a_one_kanji_noun_is_searched_with_the_piece_s_words_holding_it() -> None:
    assert _holding("雷のせいで壊れたら無料？") == ["落雷"]
    assert _holding("雷で停電したら？") == ["落雷"]


def test_only_a_common_noun_the_index_lacks_is_looked_for() -> None:
    # 今 places the question, 時 counts; 文 after a name is the name's; 箱 the index has.
    assert _holding("今は何時に修理してもらえる？") == []
    assert _holding("高瀬文はどこ？") == []
    assert _holding("箱は必要？") == []


def test_the_piece_is_not_tagged_for_a_one_kanji_noun() -> None:
    # The index's own terms are the piece's words: a question on a cold piece does not wait
    # for the whole piece to be tagged again (seconds on a large one).
    asker = OfflineEngine(_WARRANTY).asker
    assert asker.query("雷で停電したら？").stated == ("落雷",)
    assert not asker.relevance.vocabulary._words.done


def test_a_day_of_the_week_holds_no_noun() -> None:
    # 火 is no 火曜: a question about fire is not searched with Tuesday.
    camp = parse_article(
        "キャンプ場\n\n受付は火曜から日曜までです。火曜は午後のみです。\n\n"
        "直火は禁止です。焚き火は焚き火台でお願いします。\n"
    )
    assert "火曜" not in words_holding("火は使えますか？", LexicalRetriever(camp).window_index.idf)


def test_a_counter_is_no_word_holding_the_noun() -> None:
    """牛が30頭: the index's #頭 is the counter of a figure (`tokenize.COUNTED`), no word of
    the piece holding the noun 頭."""
    farm = parse_article(
        "牧場\n\n牧場には牛が30頭、羊が12頭います。\n牛の頭数は毎年増えています。\n"
    )
    idf = LexicalRetriever(farm).window_index.idf
    assert words_holding("牛の頭をなでてもいいですか", idf) == ["頭数"]
