"""What a question asks for: its expected answer type, and its content without the frame.

`analyse("国連の正式名称は？")` → `QuestionInfo(kind="term", focus="国連", ...)`: the frame
(正式名称, 何という, いつ, …) says what kind of answer is wanted; the focus is what the
question is about, the part worth matching against the piece. Both are computed from the
question alone, with patterns of Japanese question grammar (no list of any piece's words).
An English question (on a Japanese piece) gets its answer type from English question words;
its focus is the whole question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from bot.core import piece_nouns
from bot.core.language import is_japanese
from bot.core.scripts import KANJI, KATAKANA
from bot.core.tokenize import COUNTER_POS, morph_tokens, morphemes, stem

# 何部 asks for a club when one joins it, belongs to it or leads it (何部に入ってる？, 何部の
# 部長は？), not for a count of copies (何部発行された？).
CLUB = r"部(?:に(?:入|所属|い)|の(?:部長|部員|顧問|活動|キャプテン)|活動)"

# The names of what is paid, earned or held (a word list: a suffix would take 交代, 初代, 着色料,
# 消費 too).
FEE = (
    r"(?:値段|価格|費用|料金|金額|代金|運賃|予算|家賃|賃料|賃金|給料|給与|年収|月収|報酬|税金"
    r"|罰金|会費|参加費|入会費|月謝|受講料|入場料|入園料|入館料|拝観料|観覧料|手数料|授業料"
    r"|利用料|使用料|保険料|送料|医療費|学費|旅費|宿泊費|食費|交通費|光熱費|通信費|電気代"
    r"|ガス代|水道代|改装費|建設費|工事費|事業費|維持費|人件費|経費|月給|時給|日給|年俸|賞与"
    r"|ボーナス|敷金|礼金|保証金|更新料|保証料|入学金|手付金|頭金|奨学金|残高"
    r"|売上高|売上|売り上げ|利益|純利益|収入|支出|収益|損失|資本金|配当金|寄付金|所得"
    r"|(?:受験|検定|延滞|違約|キャンセル|解約|駐車|宿泊|登録|配送|管理|共益|入会|参加|修理"
    r"|施設|設備|年会|施設設備)(?:料|費|金|代))"
)
# Expected answer types, checked in this order (the first that matches wins).
_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("reason", re.compile(r"なぜ|何故|どうして|なんで|理由|原因|何のため|なんのため|のはなぜ")),
    (
        "date",
        re.compile(
            r"いつ|何年(?!間)|何月|何日(?!間)|何曜|何時(?!間)|何世紀|何年代|西暦|年代は|時期は|"
            r"年は[？?。]?$|日付|"
            # The day of an event (発売日は？, 設立日, 休館日は？), unless it asks which one
            # (何の記念日？) or is a day already placed (当日, 土曜日).
            r"^(?!.*何).*[一-龥]{2}(?<![当曜])日(?:は|って)?[？?。]?$"
        ),
    ),
    (
        "number",
        re.compile(
            r"いくつ|いくら|どのくらい|どれくらい|どれほど|どの程度|"
            rf"何(?!{CLUB})(?:人|個|回|%|％|割|倍|歳|位|番|種|社|件|本|台|枚|度|分|点|部|隻|頭|匹|羽|票|"
            r"パーセント|メートル|キロ|トン|カ国|か国|ヶ国|箇所|ヶ所|か所|時間|日間|ヶ月|か月|"
            r"カ月|年間|世代|階|円|ドル|倍)|"
            r"(?:人数|数|規模|面積|人口|高さ|長さ|重さ|割合|比率|金額|価格|距離|速度|温度|"
            rf"気温|標高|{FEE})は[？?。]?$"
        ),
    ),
    ("person", re.compile(r"誰|だれ|何者|人物は|人は[？?。]?$|者は[？?。]?$")),
    (
        "place",
        re.compile(
            r"どこ|何処|どの(?:国|都市|地域|県|州|町|島|場所)|場所は|国は[？?。]?$|"
            r"都市は[？?。]?$|何(?:県|市|州|国)(?!語)"
        ),
    ),
    (
        "term",
        re.compile(
            r"何と(?:いう|言う|いい|言い|呼|称)|なんと(?:いう|言う|呼)|何て|"
            r"名称|名前|別名|別称|略称|通称|愛称|呼称|呼び名|正式名|フルネーム|何語|"
            r"何と[？?。]?$"
        ),
    ),
    ("definition", re.compile(r"とは(?:何|なに|なん)?(?:です)?か?[？?。]?$|って何")),
    ("how", re.compile(r"どのよう|どうやって|どうすれば|方法は|どう(?:なる|する|した)")),
)

# The same for English questions (an English question on a Japanese piece).
_EN_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("reason", r"\bwhy\b|\bhow come\b|\bfor what reason\b"),
        ("date", r"\bwhen\b|\b(?:what|which) (?:year|date|month|day|decade|century)\b"),
        (
            "number",
            r"\bhow (?:many|much|long|old|far|large|big|high|often)\b|"
            r"\bwhat (?:percentage|proportion|number|share|amount)\b",
        ),
        ("person", r"\bwho\b|\bwhom\b|\bwhose\b"),
        ("place", r"\bwhere\b|\b(?:what|which) (?:country|city|region|place|state|town)\b"),
        ("term", r"\bcalled\b|\bname of\b|\bwhat is the name\b|\bknown as\b"),
        ("how", r"\bhow\b"),
    )
)

# The frame: words that say what kind of answer is wanted, not what the question is about.
_FRAME = re.compile(
    r"(?:正式(?:な)?)?(?:名称|名前|名)(?=は|を|が|[？?。]|$)|正式名称|別名|別称|略称|通称|"
    r"愛称|呼称|呼び名|フルネーム|"
    # A script or language the answer is asked in (英語で, 日本語の名前, カタカナ表記), not one
    # a compound names (英語教室, 数字データ).
    r"(?:アルファベット|ローマ字|英字|英語|日本語|カタカナ|ひらがな|漢字|数字)"
    r"(?:[0-9０-９一二三四五六七八九十]+文字)?(?:で|の|(?=表記|名|訳|[はがを？?。]|$))|"
    r"[0-9０-９一二三四五六七八九十]+文字で|"
    r"何と(?:いう|言う|いい|言い|呼ばれ|呼ば|呼ん|呼ぶ|称さ|称す)\w*?(?:か|の)?|"
    r"なんと(?:いう|言う|呼ば|呼ぶ)\w*?(?:か|の)?|"
    r"(?:一般|俗|別)に|言い換えると|"
    r"(?:を)?(?:挙げ|答え|述べ|示せ|教え)(?:よ|て|なさい)\w*|"
    # The piece itself (このエッセイの結論は？): every question is about it.
    rf"{piece_nouns.THIS_JA}(?:では|の|は|で|に)?|"
    r"(?:でしょう|です|ます)?か[？?。]*$|[？?。]+$"
)


@dataclass(frozen=True, slots=True)
class QuestionInfo:
    """`kind`: reason, date, number, person, place, term, definition, how, or other.
    `focus`: the question without its frame; `asks_subject`: the question asks which
    thing the rest of it is said of (…国は？, …のは誰？), e.g. the piece's own subject;
    `about_named`: it asks who or what a thing it names is (ダルガスとは誰？, who was Dalgas?),
    so that thing, not the piece's subject, is what the answer is about."""

    kind: str
    focus: str
    asks_subject: bool
    about_named: bool = False


_END = r"(?:でしょう|です)?か?[？?。]*$"
_CLASS = (
    r"(?:国|国家|都市|市|町|村|島|地域|会社|企業|団体|組織|政党|党|局|放送局|人|人物|者|"
    r"もの|物|言葉|語|作品|曲|番組|資源|法律|法|制度|プロジェクト|機関|施設|楽器|病気|"
    r"動物|魚|植物|物質|現象|職業|概念|理論|説|学問|分野|過程|活動|メーカー|ゼネコン)"
)
# Classes of named things (places, organisations) that "…の<class>は？" asks to name.
_ENTITY = r"(?:国|国家|都市|政党|党|局|会社|企業|団体|組織|メーカー|ゼネコン)"
_NOUNS = f"[{KATAKANA}{KANJI}]"
_SUBJECT = re.compile(
    # …したのは誰？ / …のは？ : a nominalised predicate whose subject is asked for
    r"のは(?:誰|だれ|何|なに|なん|どこ|どれ|どちら)?" + _END + "|"
    # …を持つ国は？ / …を放送しているラジオ局は？ : a predicate, then the subject's class
    r"[るたいだうくすつぬむぶぐな]"
    + _NOUNS
    + "{0,4}"
    + _CLASS
    + r"(?:は|とは)?(?:どこ|何|なに|誰|どれ)?"
    + _END
    + "|"
    # …を走るドイツの都市は？ / 赤嶺政賢の所属政党は？ : a named thing's class, qualified
    r"の" + _NOUNS + "{0,4}" + _ENTITY + r"(?:は|とは)(?:どこ|何|なに|どれ)?" + _END + "|"
    # どこの党か / 何党？
    r"(?:どこ|何|なに|どの)(?:の)?(?:国|党|政党|会社|企業|団体|局|市|町|都市|州|県)" + _END
)


_KATAKANA_UNIT = re.compile(r"^[\u30a1-\u30faー]{2,}$")
# Kanji counters whose answers are written with them (3泊, 12便, 6曲), asked by 何 read as a
# numeral: not 何着ていけば (what to wear) or 何食べた.
_KANJI_COUNTERS = frozenset("着問泊便両曲頭羽艘隻戸席校駅階巻章店勝敗足錠箱袋束組缶品")


@lru_cache(maxsize=1024)
def asked_counter(question: str) -> str | None:
    """The unit a question asks a figure in, as the tagger reads it: a katakana word after 何
    that UniDic marks as a counter (何リットル → リットル, 何ヘクタール), so no list of such
    units is needed; or one of `_KANJI_COUNTERS` after 何 read as a numeral (何泊, 何便). None
    for none, and for other kanji counters (何名, 何条, 何度も): their answers are often written
    otherwise (N人, 第N条) or they are no question for a figure, and the lists in `_TYPES` and
    `extract._UNIT` take the ones that are."""
    words = morphemes(question)
    for before, word in pairwise(words):
        if before.surface not in {"何", "なん"}:
            continue
        if before.pos2 == "数詞" and word.surface in _KANJI_COUNTERS:
            return word.surface
        if word.pos3 in COUNTER_POS:
            return word.surface if _KATAKANA_UNIT.match(word.surface) else None
    return None


_ABOUT_NAMED = re.compile(
    r".(?:とは|って)(?:誰|だれ|何者|何|なに|なん|どんな(?:人|人物|もの))" + _END + "|"
    r"^\s*(?:who|what)(?:'s|\s+(?:is|was|are|were))\s+(?!(?:the|this|that|it)\b)\S",
    re.I,
)


def analyse(question: str) -> QuestionInfo:
    q = question.strip()
    about_named = bool(_ABOUT_NAMED.search(q))
    if not is_japanese(q):
        kind = next((name for name, pattern in _EN_TYPES if pattern.search(q)), "other")
        return QuestionInfo(kind, q, False, about_named)
    kind = next((name for name, pattern in _TYPES if pattern.search(q)), "other")
    if kind == "other" and asked_counter(q):
        kind = "number"
    focus = _FRAME.sub(" ", q).strip() or q
    return QuestionInfo(kind, focus, bool(_SUBJECT.search(q)), about_named)


_FULL_NAME = re.compile(r"正式(?:な)?(?:名称|名前|名)|フルネーム|(?:略さ|省略せ)ずに")


def asks_full_name(question: str) -> bool:
    """Whether the question asks for the full form of a name it gives (国連の正式名称は？)."""
    return _FULL_NAME.search(question) is not None


# Questions about the whole piece (この記事の要点は？, what is this piece about?): its gist.
_GIST = re.compile(
    r"要約|要旨|要点|まとめ|概要|あらすじ|主旨|趣旨|論旨|大意|結論|主張|教訓|かいつまんで|"
    rf"(?:何|なに|なん)について|どんな(?:内容|{piece_nouns.JA_WORD})|何の{piece_nouns.JA_WORD}|"
    r"(?:言いたい|伝えたい)こと|提案|(?:何|なに)を(?:学|教え)|"
    r"(?:筆者|著者|作者)は(?:何|なに)が(?:重要|大切|大事)|(?:筆者|著者|作者)は(?:どう|何と)考え|"
    r"\bpropos(?:e|es|al)\b|\bteach(?:es)?\b|\blearn\b|"
    r"\bsummar(?:y|ise|ize)\b|\bgist\b|\btl;?dr\b|\boverview\b|\bconclu(?:sion|de)s?\b|"
    r"\bargue[sd]?\b|\blessons?\b|\bmoral\b|"
    r"\b(?:main|key) (?:points?|ideas?|arguments?|messages?|takeaways?)\b|"
    r"\bwhat(?:'s| is| does)\b.*\babout\b",
    re.I,
)
# Words such a question may hold besides: the piece's names for itself, and how the gist is
# wanted (a word in kana as its lexeme: まとめて is 纏める). Any other content word
# (制裁の要点は？) makes it a question about that topic instead.
_ASKING_FOR_GIST = """
    要約 要旨 要点 概要 主旨 趣旨 論旨 大意 結論 主張 教訓 内容 筆者 著者 作者
    全体 簡単 短い 一言 ざっくり 主 言う 伝える 書く 述べる 点 つまり 提案 学ぶ 教える
    重要 大切 大事 考える 纏める 纏め
    summary summarise summarize gist tldr tl dr overview main key point points idea ideas
    conclusion conclusions conclude concludes argue argues argued author
    argument arguments message messages takeaway takeaways lesson lessons moral briefly brief
    propose proposes proposal teach teaches learn
    short quick whole give tell show make write want need line lines sentence sentences word
    words 行 文 一 二 三 五 十 数
    """.split()
_GIST_WORDS = frozenset(stem(w) for w in (*piece_nouns.JA, *piece_nouns.EN, *_ASKING_FOR_GIST))


def asks_for_gist(question: str) -> bool:
    """Whether the question asks what the whole piece says (its summary), not about a topic
    in it: a gist word, and no other content word than the piece's own name for itself."""
    if not _GIST.search(question):
        return False
    return all(t in _GIST_WORDS for t in morph_tokens(question))


# A sentence that asks someone for an answer, in any piece: it ends with a question mark or
# a question's か, or asks to be shown or told (…の額をお示しください。 in council minutes).
_REQUESTS_AN_ANSWER = re.compile(
    r"(?:[?？]|(?:です|ます|でしょう)か|(?:お示し|お答え|お聞かせ|ご説明|ご答弁|教えて|お教え)"
    r"(?:して)?(?:ください|下さい|願います|いただきたい(?:と思います)?))[。．.」』）)\s]*$"
)


def requests_an_answer(sentence: str) -> bool:
    """Whether a sentence asks for an answer rather than gives one (see above)."""
    return _REQUESTS_AN_ANSWER.search(sentence) is not None
