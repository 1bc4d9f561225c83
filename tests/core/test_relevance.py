import pytest

from bot.core.article import parse_article
from bot.core.relevance import Relevance
from bot.core.retrieval import LexicalRetriever
from bot.core.vocabulary import PieceVocabulary

PIECE = (
    "国際連合平和維持活動\n\n"
    "国際連合平和維持活動は、紛争地域の平和の維持を図る国際連合の活動である。\n"
    "日本ではPKOと称されることが多い。自衛隊は1992年から参加している。\n"
    "セクシャル・ハラスメントの防止も任務の規律として定められている。\n"
    "停戦の監視、兵力の引き離し、選挙の監視などを行う。\n"
    "要員は加盟国が自発的に提供する。\n"
)


@pytest.fixture(scope="module")
def piece():  # type: ignore[no-untyped-def]
    return parse_article(PIECE)


def test_abbreviations_and_full_names_are_mentions(piece) -> None:  # type: ignore[no-untyped-def]
    v = PieceVocabulary(piece)
    assert v.mentions("国連")  # 国際連合
    assert v.mentions("セクハラ")  # セクシャル・ハラスメント
    assert not v.mentions("安全保障理事会")


def test_a_proper_noun_the_piece_never_writes(piece) -> None:  # type: ignore[no-untyped-def]
    v = PieceVocabulary(piece)
    check = v.check("ブラジルはPKOにいつ参加した？")
    assert check.key_term_missing and "ブラジル" in check.missing_proper
    assert not v.check("国連の正式名称は？").key_term_missing


def test_judge(piece) -> None:  # type: ignore[no-untyped-def]
    r = LexicalRetriever(piece)
    rel = Relevance(piece, r.window_index, r.tokenize)
    assert rel.judge("自衛隊はいつからPKOに参加している？").covered
    assert not rel.judge("おすすめのラーメン屋はどこ？").covered
    assert not rel.judge("ブラジル軍の派遣人数は何人？").covered
    assert not rel.judge("PKOについて習近平は何と言った？", missing=("Xi",)).covered
