from bot.core.said_otherwise import said_otherwise
from bot.core.vocabulary import KeyTermCheck


def _missing(*words: str) -> KeyTermCheck:
    return KeyTermCheck(
        compounds=(), missing_proper=(), missing_compounds=words, missing_parts=words
    )


def test_a_word_the_best_passages_say_through_a_certain_synonym_is_not_missing() -> None:
    check = said_otherwise(_missing("エアポート"), ["成田空港まではバスで60分です。"])
    assert check.missing_compounds == () and check.missing_parts == ()
    # Only there: passages that write no synonym leave it missing.
    check = said_otherwise(_missing("エアポート"), ["駅まではバスで10分です。"])
    assert check.missing_compounds == ("エアポート",)


def test_a_value_asked_by_name_and_given_unnamed_is_not_missing() -> None:
    texts = ["故障の際は、サポート窓口（0570-012-345）へどうぞ。"]
    assert said_otherwise(_missing("電話番号"), texts).missing_parts == ()
    assert said_otherwise(_missing("メールアドレス"), texts).missing_parts == ("メールアドレス",)


def test_the_amount_asked_for_is_named_where_the_passages_give_one() -> None:
    texts = ["配送は1回1,200円です。"]
    assert said_otherwise(_missing("送料"), texts, priced=True).missing_parts == ()
    assert said_otherwise(_missing("送料"), texts).missing_parts == ("送料",)
