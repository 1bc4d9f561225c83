from bot.core.article import parse_article
from bot.core.inside_words import words_holding
from bot.core.retrieval import LexicalRetriever
from bot.core.vocabulary import PieceVocabulary

_WARRANTY = parse_article(
    "保証規定\n\n"
    "保証期間内に故障した場合は、無料で修理いたします。\n\n"
    "火災、地震、水害、落雷その他の天災地変による故障は有料修理になります。\n\n"
    "冬季は配送に時間がかかります。落雷による停電にもご注意ください。\n\n"
    "高瀬文具店でお買い上げの方は、店頭でも受け付けます。修理品は箱に入れてお送りください。\n"
)


def _holding(question: str) -> list[str]:
    vocabulary = PieceVocabulary(_WARRANTY)
    idf = LexicalRetriever(_WARRANTY).window_index.idf
    return words_holding(question, lambda: vocabulary.words, idf)


def test_a_one_kanji_noun_is_searched_with_the_piece_s_words_holding_it() -> None:
    assert _holding("雷のせいで壊れたら無料？") == ["落雷"]
    assert _holding("雷で停電したら？") == ["落雷"]


def test_only_a_common_noun_the_index_lacks_is_looked_for() -> None:
    # 今 places the question, 時 counts; 文 after a name is the name's; 箱 the index has.
    assert _holding("今は何時に修理してもらえる？") == []
    assert _holding("高瀬文はどこ？") == []
    assert _holding("箱は必要？") == []


def test_the_piece_is_not_tagged_for_a_question_with_no_such_noun() -> None:
    def untouched() -> list[str]:
        raise AssertionError("the piece's words were asked for")

    idf = LexicalRetriever(_WARRANTY).window_index.idf
    assert words_holding("保証期間はいつまで？", untouched, idf) == []
