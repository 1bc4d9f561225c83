"""The stems a Japanese verb is written with when conjugated, for finding a verb the piece
writes in another form than the dictionary's (born → 生まれる, written 生まれた; pay → 支払う,
written お支払い)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.scripts import KANJI

# A verb of the -eru/-iru kind written with kanji and kana (生まれる, 離れる): its stem, which
# every form of it writes (生まれた, 生まれて); a stem of one kanji alone (見る) says nothing.
_E_OR_I_ROW = "えけせてねへめれげぜでべぺいきしちにひみりぎじびぴ"
# A verb's kanji, a compound verb's with kana between them (受け付ける, 申し込む).
_KANJI_RUN = f"[{KANJI}]+(?:[ぁ-ゖ]+[{KANJI}]+)*"
_ICHIDAN = re.compile(f"^({_KANJI_RUN}[ぁ-ゖ]*[{_E_OR_I_ROW}])る$")
# Any other verb written with kanji, and its continuative form, which the piece writes as a
# noun or before another verb: 支払う → 支払い (お支払い), 乗る → 乗り, 申し込む → 申し込み.
_GODAN = re.compile(f"^({_KANJI_RUN}[ぁ-ゖ]*?)([うくぐすつぬぶむる])$")
_CONTINUATIVE = dict(zip("うくぐすつぬぶむる", "いきぎしちにびみり", strict=True))


def conjugated_stems(forms: Iterable[str]) -> tuple[str, ...]:
    """The stems the verbs among `forms` are written with when conjugated: an ichidan verb's
    without る (生まれる → 生まれ), a godan verb's continuative form (支払う → 支払い)."""
    out = []
    for f in forms:
        if m := _ICHIDAN.match(f):
            out.append(m.group(1))
        elif m := _GODAN.match(f):
            out.append(m.group(1) + _CONTINUATIVE[m.group(2)])
    return tuple(out)
