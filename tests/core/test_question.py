import pytest

from bot.core.question import analyse


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("グスタフ・マーラーの誕生日は？", "other"),
        ("入党費はいくらでしょうか。", "number"),
        ("ティモフェーエフ氏は何歳？", "number"),
        ("条約を批准したのはいつ？", "date"),
        ("初めての国会議員は誰か", "person"),
        ("主にどこで活躍したか？", "place"),
        ("梅雨の半ばに一旦天気が回復する期間を何という？", "term"),
        ("国連の正式名称は？", "term"),
        ("なぜパスツールは実験をしなかったのか", "reason"),
        ("梅雨とは何か", "definition"),
    ],
)
def test_expected_answer_type(question: str, kind: str) -> None:
    assert analyse(question).kind == kind


def test_focus_drops_the_frame_not_the_subject() -> None:
    assert "名称" not in analyse("国連の正式名称は？").focus
    assert "国連" in analyse("国連の正式名称は？").focus
    focus = analyse("デオキシリボ核酸をアルファベット3文字で表すと？").focus
    assert "アルファベット" not in focus and "デオキシリボ核酸" in focus


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("リスボン、ポルト、ファロがおもな国際空港を持つ国は", True),
        ("しんぶん赤旗を発行するのはどこの党か。", True),
        ("やがて私の時代が来ると発言したのは？", True),
        ("ラオスの人口は何人？", False),
        ("梅雨とは何か", False),
    ],
)
def test_asks_for_the_subject(question: str, subject: bool) -> None:
    assert analyse(question).asks_subject is subject
