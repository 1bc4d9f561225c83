"""Values a piece gives without naming them: a phone number (（0570-012-345）), an email
address (info@example.jp), a web address (https://…, www.…), a postal address (港北3丁目2番5号,
14 Harbour Row), a station's name (若葉町駅), a time of day (8:30〜16:30), a name (館長の
名前は？: a proper noun, a quoted or katakana name the question does not write), a company
(どこの会社？: 株式会社…, 真砂建装, ひなげし電力).

`value_given(word, text)`: whether `word` (電話番号, email, URL…) asks for a kind of value that
`text` gives. `asked_value(question)`: the test for the kind of value a question asks for by
name (電話番号を教えて, What's the email address?) or by 何時 (what time), or None: a question
about phoning or mailing (電話で予約できますか) asks for none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import partial

from bot.core.scripts import KANJI

# Digits in groups, as numbers are dialled: 0570-012-345, 03 (1234) 5678, +81 3-1234-5678.
_DIALLED = re.compile(r"\+?\(?[0-9][0-9()\- ]{6,}[0-9]")
# A date among the digits, whole: 99-31-2084 of 0799-31-2084 is none.
_DATE = re.compile(
    r"(?<![0-9])(?:(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}-[0-9]{1,2}-(?:19|20)[0-9]{2})"
    r"(?![0-9])"
)
# An ISBN-13 opens with 978 or 979 (978-4-12-345678-9); a phone number may hold them
# (0120-978-123) or open with them (978-555-1234, an area code), in fewer digits.
_ISBN = re.compile(r"\(?97[89]-")
# (Read from the start of a run of its characters only: each later start fails as it did.)
_EMAIL = re.compile(r"(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
_WEB = re.compile(r"https?://|www\.|\.(?:jp|com|org|net)\b")


def is_phone_number(candidate: str) -> bool:
    """Whether digits in groups are a phone number: 10 to 13 digits in two to five groups,
    with a hyphen, a bracket or a + among them, or spaced and dialled from 0 (01632 960 418;
    years in a row have neither), holding no date (2024-05-12, 05-12-2024 10:30) and no ISBN
    (978-… in 13 digits)."""
    digits = sum(c.isdigit() for c in candidate)
    groups = len(re.findall(r"[0-9]+", candidate))
    return (
        10 <= digits <= 13
        and 2 <= groups <= 5
        and (re.search(r"[-()+]", candidate) is not None or candidate.startswith("0"))
        and _DATE.search(candidate) is None
        and not (digits == 13 and _ISBN.match(candidate))
    )


# A number written with hyphens, which stands whole among other digits: 03-1234-5678 of
# "03-1234-5678 03-1234-5679" (two numbers in a row) or of "+81 90-1234-5678 (10".
_HYPHENATED = re.compile(r"[0-9]+(?:-[0-9]+)+")


def _gives_phone(text: str) -> bool:
    return any(
        is_phone_number(m.group())
        or any(is_phone_number(h) for h in _HYPHENATED.findall(m.group()))
        for m in _DIALLED.finditer(text)
    )


def _gives_email(text: str) -> bool:
    return _EMAIL.search(text) is not None


def _gives_web(text: str) -> bool:
    return _WEB.search(text) is not None


# A time of day (10:30, 9時, 毎時15分, 正午, 6 p.m., 9 o'clock); or, as 何時 may also be read
# いつ, a date or an era (何時頃から演奏されるようになった？ → 1960年代).
_CLOCK = re.compile(
    r"(?<![0-9])[0-9]{1,2}[:時](?!間|代|点)|毎時[0-9]|正午|閉館まで|終日"
    r"|[〇一二三四五六七八九十]{1,3}時(?!間|代|点)"
    r"|(?<![0-9])[0-9]{1,2}(?:[:.][0-9]{2})?\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b|\bo['’]clock\b"
    # 09.00, as British texts write a time: where times are written (at, until, a range)
    r"|\b(?:at|from|until|till|by|between|and|to)\s+[0-2]?[0-9]\.[0-5][0-9](?![0-9])"
    r"|(?<![0-9.,])[0-2]?[0-9]\.[0-5][0-9]\s*(?:[–—~-]|to\b)\s*[0-2]?[0-9]\.[0-5][0-9](?![0-9])"
    r"|[0-9〇一二三四五六七八九十]+(?:年|月|世紀)|時代|頃|ごろ"
)


def _gives_time(text: str) -> bool:
    return _CLOCK.search(text) is not None


# An address: a postcode (〒123-4567, SW1A 1AA), a town's block and house numbers (港北3丁目2番5号,
# 北町3-1, after the name of a city, ward, town or village), or a number and a street (14 Harbour
# Row). Not a phone number after a shop's name (小槌町店：0468-72-3150), nor a word that opens
# with a town's mark in a sentence (村上選手は3番, 市場で3番目, 町内会の会議は5号館, 市民の2-3割),
# a drive in minutes (a 30 minute drive) or a floor (B2 3rd floor). The numbers may be in
# kanji (銀座四丁目) and joined by the dashes an IME writes (2−3−1, 2‐3‐1), which NFKC keeps.
_DASH = "[-‐‑‒–−]"
_ADDRESS = re.compile(
    rf"〒\s?[0-9]{{3}}{_DASH}?[0-9]{{4}}|[0-9〇一二三四五六七八九十]+\s*丁目|[0-9]+番地"
    r"|[都道府県市区町村郡][^\s、。，,0-9：:()（）はでをへも]{0,8}[0-9]+"
    rf"(?:番(?!目|手|組)|号(?![館棟車線機目])|{_DASH}[0-9]+(?:{_DASH}[0-9]+)?"
    rf"(?![0-9]|{_DASH}|[割倍%]))"
    r"|\b[0-9]{1,4}[a-z]?,?\s+(?!(?:minutes?|mins?|hours?|hrs?|days?|weeks?|miles?|km)\b)"
    r"(?:[a-z]+\s+){1,2}(?:street|st|road|rd|lane|row|avenue|ave|square"
    r"|place|way|drive|close|crescent|terrace|quay|hill|parade|gardens)\b"
    r"|\b[a-z]{1,2}[0-9][a-z0-9]?\s[0-9](?!st|nd|rd|th)[a-z]{2}\b"
)


def _gives_address(text: str) -> bool:
    return _ADDRESS.search(text) is not None


# A station by its name (若葉町駅, 「東若葉」駅, 駅前 of 綿雲台駅前店 too) or an English text's
# station; not the words asking for one (最寄り駅, the nearest station), 各駅, nor 駅 after a
# particle (会場は駅の近く): they name none.
_STATION = re.compile(
    r"(?<!最)(?<!最寄)[^\s0-9、。,.：:（）()「各はがをにでへ]駅"
    r"|(?<!nearest )(?<!closest )(?<!the )(?<!a )\bstation\b"
)


def _gives_station(text: str) -> bool:
    return _STATION.search(text) is not None


# A name the question asks for (電話番号は？, URLを教えて, 電話番号は何番), not one it mentions
# (URLに…) or asks something else of (電話番号は必要ですか, 電話番号を変更するには).
_ASKED = (
    r"(?=\s*(?:(?:は|って)\s*[、,]?\s*(?:何|なん|どこ|どれ|(?:わか|分か)り|[?？]|$)"
    r"|を\s*(?:教え|おしえ|知り|しり|ください|下さい)|[?？]|$))"
)


def _asked_en(name: str) -> str:
    """An English question asking for `name` (What's the hotel's phone number?, Tell me the
    email address, the shop's phone number?), not one asking something else of it (Do I need
    a phone number?, How do I change my email address?)."""
    other = "i|you|we|they|do|does|did|if|can|could|should|to"
    opens = f"{other}|is|are|how|why|when|who|will|would|may|must|have|has"
    word = r"[a-z0-9'’.-]+"
    name = f"{name}(?![a-z])"
    return (
        rf"(?<![a-z])(?:what|which)(?:'s|’s)?(?:\s+(?!(?:{other})(?![a-z'’])){word}){{0,5}}?"
        rf"\s+{name}|^\W*(?:please\s+)?(?:give|tell|send)\s+(?:me|us)\b.*?{name}"
        rf"|^\W*(?!(?:{opens})(?![a-z'’]))(?:{word}\s+){{0,3}}?{name}\W*$"
    )


# The kinds of value: the words a question asks for one with (no subject the piece lacks
# when the best passages give such a value), the names it asks for one by, and the test.
_VALUES: tuple[tuple[frozenset[str], re.Pattern[str], Callable[[str], bool]], ...] = (
    (
        frozenset({"電話番号", "電話", "番号", "tel", "phone", "telephone", "number", "call"}),
        re.compile(rf"(?:電話|携帯|直通)番号{_ASKED}|{_asked_en('(?:tele)?phone number')}"),
        _gives_phone,
    ),
    (
        frozenset({"メールアドレス", "メール", "アドレス", "email", "e-mail"}),
        re.compile(rf"メールアドレス{_ASKED}|{_asked_en('e-?mail address')}"),
        _gives_email,
    ),
    (
        frozenset({"url", "ホームページ", "ウェブサイト", "サイト", "website", "site"}),
        re.compile(rf"(?:url|ホームページのアドレス){_ASKED}|{_asked_en('web(?:site)? address')}"),
        _gives_web,
    ),
    (
        frozenset({"住所", "所在地", "address"}),
        re.compile(rf"(?:住所|所在地){_ASKED}|{_asked_en('(?:postal |street )?address')}"),
        _gives_address,
    ),
    (
        frozenset({"最寄り駅", "最寄駅", "最寄り", "nearest station"}),
        re.compile(
            rf"最寄り?駅{_ASKED}|{_asked_en('nearest (?:train |tube |railway |bus )?station')}"
        ),
        _gives_station,
    ),
    (
        frozenset({"時刻"}),
        # (not なんじかん, なんじゅう: hours, tens; 何時も, 何時でも: いつも, いつでも; nor what
        # time of year, what time limit)
        re.compile(
            r"何時(?![間代]|も|でも)|なんじ(?!かん|だい|ゅ|ょ)"
            r"|\bwhat time\b(?!\s+(?:of\s+(?:the\s+)?year|limit|zone|frame|period)s?\b)"
        ),
        _gives_time,
    ),
)


def as_read(text: str) -> str:
    """A text as the tests of a value (`asked_value`) read it: NFKC, case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def names_a_value(word: str) -> bool:
    """Whether `word` is a name a value is asked for by (電話番号, phone, 住所, 会社)."""
    w = unicodedata.normalize("NFKC", word).casefold()
    return w in _COMPANY_WORDS or any(w in names for names, _, _ in _VALUES)


def value_given(word: str, text: str) -> bool:
    """Whether `word` asks for a kind of value (above) that `text` (NFKC, case-folded) gives."""
    w = unicodedata.normalize("NFKC", word).casefold()
    if w in _COMPANY_WORDS:
        return _COMPANY.search(text) is not None
    return any(w in names and gives(text) for names, _, gives in _VALUES)


def asked_value(question: str) -> Callable[[str], bool] | None:
    """The test of whether a text (NFKC, case-folded) gives the kind of value `question` asks
    for by name (電話番号は？, email address, 館長の名前は？), or None if it asks for none."""
    q = unicodedata.normalize("NFKC", question).casefold()
    gives = next((gives for _, asked, gives in _VALUES if asked.search(q)), None)
    if gives is not None:
        return gives
    if _COMPANY_ASKED.search(q):
        return partial(_gives_company, question=q)
    if asked := _NAME_ASKED.search(q):
        named = re.search(rf"([{KANJI}ァ-ヴー]+)(?:さん|様)?の(?:お)?$", q[: asked.start()])
        # (下の名前, 上の名前: a given name, a family name, and no kind of 下 or 上)
        kind = named.group(1) if named and named.group(1) not in {"下", "上"} else ""
        return partial(_gives_name, asked=_names_in(q), kind=kind)
    return None


def owner(question: str) -> str | None:
    """What a Japanese question asks a value of, by name (綿雲台駅前店 of 綿雲台駅前店の住所は？,
    PTA会長 of PTA会長の電話番号を教えて), read as `as_read`; None for no such value or name."""
    q = as_read(question)
    asked = next(
        (m for _, a, gives in _VALUES if gives is not _gives_time and (m := a.search(q))), None
    )
    if asked is None:
        return None
    named = re.search(rf"([{KANJI}ァ-ヶーa-z0-9]{{2,}})(?:さん|様)?の$", q[: asked.start()])
    return named.group(1) if named else None


def given_of(gives: Callable[[str], bool], text: str, name: str) -> bool:
    """Whether `text` (read as `as_read`) gives the value `gives` tests for as that of `name`:
    on a line at or after one naming it (a signature's 中村 由香, then 電話：…). Where a line
    is labelled with the name, only on such a line or the field lines after it (営業時間：…,
    電話：…): the lines of a contact list give each office's own (本店：…南町4丁目, then
    駅前店：電話 …: no address of 駅前店)."""
    lines = text.split("\n")
    labels = [_LABEL.match(line) for line in lines]
    own = [i for i, label in enumerate(labels) if label and name in label.group(1)]
    for i in own:
        if gives(lines[i]):
            return True
        # and the lines after it up to the next labelled with a name (営業時間：…, 電話：…
        # are the office's; 本店：… is another's)
        for line, label in zip(lines[i + 1 :], labels[i + 1 :], strict=True):
            if label is not None and not _FIELD.search(label.group(1)):
                break
            if gives(line):
                return True
    if own:
        return False
    first = next((i for i, line in enumerate(lines) if name in line), None)
    return first is not None and any(gives(line) for line in lines[first:])


# A line's label: the words before its colon (• 本店：…, 電話: …).
_LABEL = re.compile(r"\W*([^：:\n]{1,20})[：:]")
# A label naming a field of an entry, not an entry (電話, 住所, 営業時間, 定休日, FAX, アクセス).
_FIELD = re.compile(
    r"電話|tel|fax|ファクス|メール|e-?mail|url|住所|所在地|時間|[曜休]日|アクセス|交通|駐車|担当"
    r"|phone|address|hours|open",
    re.I,
)


# A name asked for (館長の名前は？, 予約アプリの名前を教えて), not one mentioned (名前を書き
# 間違えたら) nor a term's (機関の名称は: a term is no name of its own).
_NAME_ASKED = re.compile(rf"お?名前{_ASKED}")
# What a text writes as a name besides its proper nouns: a quoted one (「ぱちっとシール」), a
# katakana word of four letters or more (マウンテン・チキン), a word in Latin letters (COMILOG:
# the text is read case-folded, so its capitals are not seen) that is no unit (kg), label (tel,
# am) or stopword (`_LABELS`).
QUOTED_NAME = r"[「『]([^「」『』]{1,30})[」』]"  # 「ぱちっとシール」, 『汐待ち櫓の時計』
_WRITTEN_NAME = re.compile(rf"{QUOTED_NAME}|([ァ-ヴー・]{{4,}})|(?<![a-z])([a-z][a-z0-9]+)", re.I)
_LABELS = frozenset({"tel", "fax", "am", "pm", "http", "https", "www", "com", "jp", "url", "pdf"})


def _names_in(text: str) -> frozenset[str]:
    """The names a Japanese text writes: its proper nouns (UniDic's 固有名詞: 岸本, 霧生山岳会's
    霧生, 東京) and the others it writes as names (`_WRITTEN_NAME`)."""
    from bot.core.tokenize import morphemes  # the tagger: only for a name asked

    proper = {m.surface for m in morphemes(text) if m.pos2 == "固有名詞"}
    return frozenset(proper | _written_names(text))


def _written_names(text: str) -> set[str]:
    """The names `text` writes without the tagger's help (`_WRITTEN_NAME`)."""
    from bot.core.tokenize import EN_STOPWORDS, UNIT_WORDS

    written = {next(g for g in m.groups() if g) for m in _WRITTEN_NAME.finditer(text)}
    return written - (_LABELS | EN_STOPWORDS | UNIT_WORDS.keys())


def _gives_name(text: str, asked: frozenset[str], kind: str) -> bool:
    """Whether `text` writes a name besides those of the question (`asked`): the answer to
    館長の名前は？ is one, which lines about the 館長 that name nobody do not give. A word
    naming one of the `kind` asked about is one too (海洋性気団 for 気団の名前は？). A person
    asked for (宮司, 娘, 料理長) is named by a person's name, not a station's or a shop's.
    Where the text writes the kind, the name is near it (`_NEAR_KIND`): 料理長おすすめ, far
    from the chef's name, is no chef's name."""
    if kind and re.search(rf"[{KANJI}ァ-ヴー]{re.escape(kind)}", text):
        return True
    names = (_persons_in(text, kind) if _PERSON.search(kind) else set(_names_in(text))) - asked
    spots = [m.start() for m in re.finditer(re.escape(kind), text)] if kind else []
    if not spots:
        return bool(names)
    return any(
        m.start() - spot - len(kind) <= _NEAR_KIND and spot - m.end() <= _NEAR_KIND
        for name in names
        for m in re.finditer(re.escape(name), text)
        for spot in spots
    )


# A kind of person (宮司, 料理長, 娘, 担当者, 協力隊員, 女性落語家): a role, a kinship or a
# calling.
_PERSON = re.compile(
    r"(?:長|者|員|師|士|手|家|人|官|司|主|帝|王|先生|教授|父|母|兄|姉|弟|妹|娘|息子|夫|妻|女|男"
    r"|相手|人物|女性|男性|担当|知事|議長|委員|選手|監督|医|おかみ|女将)$"
)
_NEAR_KIND = 16  # characters at most between the kind the text writes and a name of one
# A person named by an honorific after the name (岸本さん, 井出工場長 is no person's name): a
# whole word of two kanji or more or of katakana, not one of the kind of persons (皆さん,
# お客様, みなさん, 患者さん: `_persons_in`).
_HONORED = re.compile(
    rf"(?<![{KANJI}ァ-ヴー])([{KANJI}]{{2,6}}|[ァ-ヴー]{{2,8}})(?:さん|氏|様|君|ちゃん)"
)


def _persons_in(text: str, kind: str) -> set[str]:
    """The persons' names a text writes: UniDic's 人名, a name before さん or 氏, one after
    the `kind` of person asked (女性建築家スネルマン) or after a person in brackets (党員市長
    （高砂政郎）), and words in Latin letters (Brita Snellman)."""
    from bot.core.tokenize import morphemes  # the tagger: only for a name asked

    names = {m.surface for m in morphemes(text) if m.pos2 == "固有名詞" and m.pos3 == "人名"}
    names |= {m.group(1) for m in _HONORED.finditer(text) if not _PERSON.search(m.group(1))}
    names |= set(re.findall(rf"{re.escape(kind)}[（(「]?([{KANJI}]{{2,}}|[ァ-ヴー・]{{2,}})", text))
    names |= set(re.findall(rf"{_PERSON.pattern[:-1]}[（(]([{KANJI}ァ-ヴー・]{{2,}})[）)]", text))
    return names | {n for n in _written_names(text) if n.isascii()}


# The words a company is asked for with, and the pattern of one asked (どこの会社, メーカーは
# どこ, 何という会社, 会社名は, which company).
_COMPANY_WORDS = frozenset({"会社", "企業", "メーカー", "会社名", "company", "firm", "maker"})
_COMPANY_ASKED = re.compile(
    r"どこの[^。？?、]{0,4}(?:会社|企業|メーカー)|(?:会社|企業|メーカー)(?:は|って)\s*(?:どこ|何|なん)"
    r"|(?:何|なん)という(?:会社|企業|メーカー)|(?:会社|企業)の?名"
    r"|\b(?:which|what) (?:company|firm|maker|manufacturer|brand)\b|\bwho makes\b"
)
# A company's name: its legal form (株式会社, (株), Ltd, コーポレーション) or a trade after a
# name (真砂建装, ひなげし電力, 宵待化成, 出版社; not 会社 or 神社, nor 社会, 社員 of a 社).
_COMPANY = re.compile(
    rf"株式会社|有限会社|合同会社|[（(]株[)）]"
    rf"|[{KANJI}ぁ-ゖァ-ヴーa-z]{{2,}}(?:(?<![会神])社|工業|製作所|建設|建装|電機|電工|電力|ガス|産業|商事|商会"
    rf"|物産|銀行|証券|生命|保険|製薬|重工|化学|化成|食品|運輸|運送|急便|印刷|不動産|工務店"
    rf"|コーポレーション|カンパニー|ホールディングス)"
    rf"(?![会員長内外屋殿寺務宅交説是債団旗])"
    r"|\b[a-z][a-z&.-]+ (?:inc|ltd|co|corporation|company|gmbh|plc|llc)\b"
)


def _gives_company(text: str, question: str) -> bool:
    """Whether `text` names a company (`_COMPANY`), or one in Latin letters (COMILOG,
    `_written_names`; not in katakana, which writes many a common word), that the question
    does not name."""
    if any(m.group() not in question for m in _COMPANY.finditer(text)):
        return True
    return any(name.isascii() and name not in question for name in _written_names(text))
