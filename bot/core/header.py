"""The piece's header (title, author, source, date) as a citable passage: ¶0.

Paragraphs are ¶1…¶N; the header lines are not a paragraph. Here each header field the file
writes gets its offsets in `Article.text`; `Grounder.cite(quote, passage=0)` locates quotes in
them, and a citation of one is `Citation(passage=0, quote, start, end)` with
`article.text[start:end] == quote`, like any other. In `--json` it reads
`{"passage": 0, "quote": "梅雨", "start": 0, "end": 2}`; in answer text its marker is `[¶0]`.

A title the parser derived from the lead (`Metadata.title_derived`) is not in the header: the
lead paragraph holds it, so it is cited there as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.answer import Citation
from bot.core.article import Article
from bot.core.dates import PUBLISHING
from bot.core.piece_nouns import JA_WORD as _PIECE
from bot.core.piece_nouns import THIS_EN, THIS_JA, WORD_END

HEADER_PASSAGE = 0
FIELDS = ("title", "author", "source", "date")

# ------------------------------------------------------------ questions about the header
#
# A field is asked for in three ways: by a noun that names it (著者, 出典, 公開日), by a verb
# that the piece is the object of (誰が書いた, どこに掲載された, いつ公開された), or, for a noun
# that may also name someone or something the piece tells of (記者, 聞き手, メディア,
# reporter), by the whole question being that noun and its question word (記者は誰？), tied to
# the piece (この記事を書いた記者は誰？) or with the piece's text never writing the word.
# A noun another thing owns (源氏物語の作者, 新紙幣の発行日, この言葉の出典) asks about that thing.

# The piece named at the start: この記事の, 本稿を, 記事が, これは.
_PIECE_NAMED = rf"(?:(?:この|本|当)?{_PIECE}|これ|それ)\s*(?:の|を|が|は|で|って)?\s*"
_PIECE_FIRST = rf"^\s*(?:{_PIECE_NAMED})?"
# A noun the piece owns: この記事の…, or (記事の)… opening the question; not 源氏物語の作者,
# nor 使用を廃止した年月日.
_OWNED = rf"(?:{THIS_JA}の|^\s*(?:(?:{_PIECE}|これ)の)?)"
_END = r"(?:です|でしょう|なの|なん|だ)?(?:か|ですか|でしょうか)?[？?。!！]*\s*$"
_TELL = r"(?:を)?(?:教えて(?:ください|下さい)?|知りたい)"

# Nouns: those that name the field alone, and those that may name people or things too.
_TITLE_NOUN = r"タイトル|題名|表題"
_AUTHOR_NOUN = r"著者|作者|執筆者|書き手|寄稿者|筆者"
_AUTHOR_ROLE = r"記者|ライター|聞き手|インタビュアー|取材者|投稿者|編集者"
_SOURCE_NOUN = (
    r"出典|初出(?!場)|掲載(?:誌|紙|媒体|先|元|サイト)|発表(?:媒体|先|誌|紙)|"
    r"配信元|発行元|出版元|版元|発行所"
)
_SOURCE_ROLE = r"媒体|メディア|新聞社|新聞|雑誌|サイト|ウェブサイト|出版社|出版物"
_DATE_NOUN = (
    rf"(?:最終)?(?:{PUBLISHING})(?:日時|日付|年月日|日)|"
    r"日付|年月日"
)
# Verbs the piece is the object of: who wrote it, where it appeared, when.
_WROTE = r"書いた|書いている|執筆した|寄稿した|取材した|まとめた|インタビューした|話を聞いた"
_RAN = (
    r"(?:掲載|配信|発行|発表|出版|公開|連載)(?:した|された|している|されている|されていた)|"
    r"載った|載っている|載せた|出た"
)
# When it was written or ran (いつ書かれた, いつ公開された); not いつ発表した: someone did.
_RAN_STEM = r"書|執筆|(?:掲載|公開|配信|発行|発表|投稿|出版|更新)され|載っ|出(?:た|て)"

_WHO = r"(?:は|って|とは)?(?:誰|だれ|どなた|何者|どんな人|どういう人|どの人)?"
_WHAT = r"(?:は|って|とは)?(?:どこ|何|なに|なん|どれ|どちら)?"
_NAMED = rf"(?:の?名前|の名|名)?(?:は|{_TELL})?"


def _tied(verbs: str) -> str:
    """A question's start that makes what follows the piece's: この記事の, (この記事を)書いた,
    掲載した (the outlet that ran it: nothing else is what was run)."""
    return rf"^\s*(?:{_PIECE_NAMED}(?:(?:{verbs})の?)?|(?:{verbs})の?)"


# Kinds of document a piece may be (規則, お知らせ, 議事録, …): この<kind> is the piece when a
# question asks who issued it or when (このリリースの発表日は？, このページを作ったのはどこ？).
_DOCUMENT_KIND = (
    r"規則|規程|規定|要綱|要領|要項|細則|会則|規約|約款|条例|憲章|綱領|お知らせ|知らせ|案内|"
    r"ガイド|ガイドライン|マニュアル|手引き?|報告書?|白書|計画書?|方針|指針|通知|声明|宣言|"
    r"議事録|提言|答申|募集要項|説明書|仕様書|企画書|提案書|趣意書|覚書"
)
_THIS_DOCUMENT = (
    rf"(?:{THIS_JA}|この(?:{_DOCUMENT_KIND}|(?:プレス|ニュース)?リリース|文書|資料|ページ)"
    rf"{WORD_END})"
)
# A noun of the piece's header the piece (or this document) owns: この記事の…, このリリースの….
_OWNED_FIELD = rf"(?:{_THIS_DOCUMENT}の|{_OWNED})"
# Verbs of issuing a document (出した, 発表した, 作成した): who did is its author.
_ISSUED = r"出した|出している|発表した|発行した|作った|作成した"


_EN_PIECE = rf"(?:it|this|{THIS_EN})"
_EN_END = r"\s*[?.!]*\s*$"
_EN_AUTHOR_ROLE = r"reporters?|journalists?|correspondents?|interviewers?|columnists?"

_ASKS = {
    "title": re.compile(
        # The piece's title, not a book's the piece tells of (ふみが書いた本のタイトル).
        rf"{_OWNED}(?:{_TITLE_NOUN})|(?:{THIS_JA}|^\s*{_PIECE})の(?:名前|名称)|"
        r"記事名|何という記事|何の記事|"
        # English: the title as all that is asked for (What is the title of this article?),
        # not a title someone won or a track's (Who won the title?, the title track).
        # A follow-up's lead (And the title?) and a polite close (…, please?) say nothing more.
        r"^\s*(?:(?:and|so|ok(?:ay)?)\s*,?\s+)?(?:(?:what|which)(?:'?s|\s+is|\s+was)\s+|"
        r"(?:(?:can|could) you\s+)?(?:please\s+)?(?:tell|give|show)\s+me\s+)?"
        r"(?:(?:the|its|"
        rf"{_EN_PIECE}'s)\s+)?(?<![\w'])(?:title|headline)(?:\s+(?:of|for)\s+{_EN_PIECE})?"
        rf"(?:\s*,?\s*please)?{_EN_END}|"
        rf"^\s*what (?:title|headline) (?:does|did) {_EN_PIECE} (?:have|bear|carry){_EN_END}|"
        r"what is (?:this|the) (?:piece|article) (?:called|about)",
        re.I,
    ),
    "author": re.compile(
        # 筆者 is the piece's writer whoever asks (この話題の筆者は誰？); 著者 may be a book's.
        rf"(?:筆者|{_OWNED_FIELD}(?:{_AUTHOR_NOUN}))(?:は|って|の名前|の名|とは)?"
        r"(?:誰|だれ|何者|どなた|どんな人)|"
        rf"{_PIECE_FIRST}誰が(?:書い|書き|執筆|寄稿)|"
        rf"{_THIS_DOCUMENT}を(?:{_WROTE}|{_ISSUED})(?:(?:の|人|方)は|(?:人|方)の(?:お?名前|名)(?:は|{_TELL}))|"
        rf"{_PIECE_FIRST}(?:(?:{_WROTE})(?:の|人|方)?)?(?:{_AUTHOR_NOUN})"
        rf"{_NAMED}{_WHO}{_NAMED}{_END}|"
        rf"{_tied(_WROTE)}(?:{_AUTHOR_ROLE}){_NAMED}{_WHO}{_NAMED}{_END}|"
        rf"^(?:(?:{_WROTE})(?:の|人|方)?){_WHO}{_NAMED}{_END}|"
        # English: who wrote it, its author, its reporter.
        rf"^\s*who (?:wrote|penned|authored|reported|filed)(?: {_EN_PIECE})?{_EN_END}|"
        rf"\bwho (?:is|was|are|were) the (?:author|writer)s?(?: (?:of|behind) {_EN_PIECE})?"
        rf"{_EN_END}|\b(?:author|writer)s? of {_EN_PIECE}|\bbyline\b|"
        rf"{_EN_PIECE} (?:was |is )?(?:written|authored|penned|reported) by|"
        rf"\bwho (?:is|was) the (?:{_EN_AUTHOR_ROLE}) (?:of|behind|for|on) {_EN_PIECE}|"
        r"^\s*(?:the\s+)?(?:author|writer)\s*[?]?\s*$",
        re.I,
    ),
    "source": re.compile(
        rf"{_OWNED_FIELD}(?:{_SOURCE_NOUN})(?=は|って|とは|を|の名|名|[？?]|$)|"
        rf"{_PIECE_FIRST}(?:どこ|何|なに|どの[^、。？?]{{0,8}}?)に(?:掲載|載っ|載せ|発表|配信|発行|"
        r"出|連載)|"
        # Which outlet (どこの記事？), not where a story is set (どこの話？).
        r"どこの(?:記事|論考|論文|コラム|社説|レポート|媒体|サイト|メディア|新聞|雑誌)"
        rf"{WORD_END}|"
        rf"{_PIECE_FIRST}(?:(?:{_RAN})の?)?(?:{_SOURCE_NOUN}){_NAMED}{_WHAT}{_NAMED}{_END}|"
        rf"{_tied(_RAN)}(?:{_SOURCE_ROLE}){_NAMED}{_WHAT}{_NAMED}{_END}|"
        # English: where it appeared, which outlet ran it.
        rf"\bsource of {_EN_PIECE}|^\s*(?:what(?:'s| is) )?(?:the |its )?"
        rf"(?:source|outlet|publication|publisher){_EN_END}|"
        rf"^\s*(?:in |by |on )?(?:what|which|who|whom)\b[^?]*?\b{_EN_PIECE} (?:was |is |first )?"
        rf"(?:published|printed|posted|run|carried|issued)(?: (?:in|by|on|at))?{_EN_END}|"
        r"\b(?:what|which) (?:news )?(?:site|website|outlet|magazine|newspaper|paper|"
        rf"publication|journal|blog|publisher) (?:is|was) {_EN_PIECE} (?:from|in|on|published)|"
        r"\b(?:what|which|who) (?:news )?(?:site|website|outlet|magazine|newspaper|paper|"
        rf"publication|journal|blog|publisher)? ?(?:published|ran|printed|carried) {_EN_PIECE}|"
        rf"where (?:was|is) {_EN_PIECE} (?:published|from|printed|posted|run)|"
        rf"where did {_EN_PIECE} (?:first )?(?:appear|run|come out)",
        re.I,
    ),
    "date": re.compile(
        rf"{_OWNED_FIELD}(?:{_DATE_NOUN})(?=は|って|とは|を|[？?]|$)|"
        rf"{_PIECE_FIRST}(?:いつ|何年|何月何日)(?:頃|ごろ)?に?(?:{_RAN_STEM})|"
        rf"{_PIECE_FIRST}(?:書かれた|(?:公開|掲載|配信|発行|発表|投稿|更新)された|出た|載った)"
        rf"(?:の|日|日付|日時)は?(?:いつ)?{_END}|"
        # The whole question is "when is the piece from?" (いつの記事？, この話はいつのもの？).
        rf"^\s*(?:(?:これ|それ|{THIS_JA})は)?いつの{_PIECE}(?:です|でしょう)?か?[？?。]*\s*$|"
        rf"{THIS_JA}は(?:いつ|何年)(?:の(?:もの|{_PIECE})?)?(?:です|でしょう)?か?[？?。]*\s*$|"
        # English: when it was published, its date.
        rf"\bwhen (?:was|is) {_EN_PIECE} (?:first )?(?:written|published|given|delivered|"
        r"posted|released|issued|printed|dated|updated|filed)|"
        rf"\bwhen did {_EN_PIECE} (?:first )?(?:come out|appear|run|go (?:up|online|live))|"
        rf"\b(?:what|which) (?:day|date|year|month) (?:was|is) {_EN_PIECE} "
        r"(?:written|published|posted|dated)|"
        r"\b(?:publication|publishing|publish|published|posting) date\b|"
        rf"\bdate (?:of|on) (?:publication|{_EN_PIECE})|{_EN_PIECE} (?:is |was )?dated\b|"
        r"^\s*(?:what(?:'s| is) )?(?:the |its )?date\s*[?]?\s*$",
        re.I,
    ),
}
# この…の名前は？ with a kind of document the piece's title ends with (この規則の名前は？ of
# 図書館利用規則, このお知らせのタイトルは？ of 閉店のお知らせ): the piece calls itself that.
# Not the thing a title ends with (この企業の名前は？ of 急成長するベンチャー企業 asks which firm).
_TITLE_OF_THIS = re.compile(
    rf"^\s*この(?P<noun>{_DOCUMENT_KIND})の(?:{_TITLE_NOUN}|名前|名称|正式名称)"
    rf"(?:{_NAMED}{_WHAT}{_NAMED}{_END}|{_TELL})"
)
# The whole question is a noun that may also name people or things of the piece, untied to
# it (記者は誰？, メディアは？, who is the reporter?): the noun, for `_writes`.
_IF_UNWRITTEN = {
    "author": re.compile(
        rf"^\s*(?P<word>{_AUTHOR_ROLE}){_NAMED}{_WHO}{_NAMED}{_END}|"
        rf"^\s*(?:who (?:is|was|are|were) )?(?:the |its )?(?P<en>{_EN_AUTHOR_ROLE}){_EN_END}",
        re.I,
    ),
    "source": re.compile(rf"^\s*(?P<word>{_SOURCE_ROLE}){_NAMED}{_WHAT}{_NAMED}{_END}"),
}
# Words that name a header field (for a question the header may help with: 筆者の年齢は？).
_MENTIONS = re.compile(
    rf"{_AUTHOR_NOUN}|{_SOURCE_NOUN}|{_DATE_NOUN}|(?:{_AUTHOR_ROLE}){WORD_END}|"
    r"執筆|書いた|掲載|発表|配信|発行|いつ書|"
    r"\b(?:author|wrote|written|writer|published|publication|publisher|source|outlet|byline|"
    rf"{_EN_AUTHOR_ROLE})\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class HeaderField:
    """One header line's value (`name` in FIELDS) and its offsets in `Article.text`."""

    name: str
    start: int
    end: int
    text: str


def header_fields(article: Article) -> dict[str, HeaderField]:
    """Each header field the piece's file writes, with its offsets (in reading order)."""
    meta = article.meta
    values = {
        "title": None if meta.title_derived else meta.title,
        "author": meta.author,
        "source": meta.source,
        "date": meta.date,
    }
    out: dict[str, HeaderField] = {}
    for name in FIELDS:
        value = values[name]
        if not value:
            continue
        # The first occurrence outside every paragraph: the header line itself (it may
        # follow a lead paragraph, as in the seeds' shape).
        pos = article.text.find(value)
        while pos >= 0 and article.paragraph_at(pos) is not None:
            pos = article.text.find(value, pos + 1)
        if pos >= 0:
            out[name] = HeaderField(name, pos, pos + len(value), value)
    return out


def header_citation(article: Article, name: str) -> Citation | None:
    """The whole header field `name` as a ¶0 citation, if the file writes it."""
    f = header_fields(article).get(name)
    return Citation(HEADER_PASSAGE, f.text, f.start, f.end) if f else None


def asked_fields(question: str, article: Article | None = None) -> list[str]:
    """Header fields a question asks about (著者は誰？ → ["author"]), in FIELDS order.

    A question that is only a noun some people or things of a piece are called too (記者は
    誰？, メディアは？) asks for the field if `article`'s text never writes it as a word: a
    piece telling of a reporter is asked about that reporter."""
    out = []
    for name in FIELDS:
        if _ASKS[name].search(question) or (name == "title" and _titled_so(question, article)):
            out.append(name)
        elif (unwritten := _IF_UNWRITTEN.get(name)) and (m := unwritten.search(question)):
            word = next(w for w in m.groupdict().values() if w)
            if article is None or not _writes(article, word):
                out.append(name)
    return out


def _titled_so(question: str, article: Article | None) -> bool:
    """Whether the question asks for the title of "this X", X a kind of document the piece's
    own title ends with (この規則の名前は？ of a piece titled 図書館利用規則)."""
    m = _TITLE_OF_THIS.search(question)
    if m is None or article is None or article.meta.title_derived:
        return False
    return article.meta.title.rstrip().endswith(m.group("noun"))


def mentions_header(question: str) -> bool:
    """Whether a question names the piece's author, source or date (筆者の年齢は？), which
    its header may tell the reader of, though the header does not answer it."""
    return _MENTIONS.search(question) is not None


def _writes(article: Article, word: str) -> bool:
    """Whether the piece's paragraphs write `word` as a word (記者, not 記者会見; reporters)."""
    if word.isascii():
        pattern = re.compile(rf"\b{re.escape(word.rstrip('s'))}s?\b", re.I)
    else:
        pattern = re.compile(re.escape(word) + WORD_END)
    return any(pattern.search(p.text) for p in article.paragraphs)
