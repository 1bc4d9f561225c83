import pytest

from bot.core.misspelling import is_english_word, respell_english

PIECE = (
    "The tramway opened in 1902. The mean winter temperature is 4 °C. Australia sent a team. "
    "The war ended, and the past was kept in the insurance records. Those trips were long."
)
WORDS = frozenset(w.casefold() for w in PIECE.replace(".", " ").replace(",", " ").split())


def _respelt(question: str) -> str:
    return respell_english(question, WORDS, is_english_word)


def test_a_word_no_dictionary_knows_one_edit_from_the_piece_s_is_the_piece_s() -> None:
    assert _respelt("When did the tramay open?") == "When did the tramway open?"
    assert _respelt("What is the winter temprature?") == "What is the winter temperature?"


@pytest.mark.parametrize(
    "question",
    [
        "Is Austria in the piece?",  # a real word the piece lacks
        "Were there flood warnings?",  # a real word in an inflected form (not "war")
        "Whose idea was it?",  # short, and a slip keeps the first letter ("those")
        "How many passes were sold?",  # not "past"
        "Does it ensure safety?",  # not "insurance"
        "Where is the xylophne?",  # near nothing of the piece
        "Who is Tramay?",  # a name, capitalised inside the question, near no name of the piece
        "Why doesn't it open?",  # a contraction
    ],
)
def test_a_real_word_a_short_one_or_one_far_off_is_left(question: str) -> None:
    assert _respelt(question) == question


def test_the_dictionary_knows_english_words_in_their_forms_not_misspellings() -> None:
    for word in ("temperature", "railways", "warnings", "passes", "tried", "wider", "hoped"):
        assert is_english_word(word), word
    assert not is_english_word("temprature")


def test_a_name_mistyped_is_the_piece_s_name_one_edit_away() -> None:
    names = frozenset({"ikegami", "australia"})
    respelt = respell_english("What is the Ikegmai mill?", WORDS, is_english_word, names)
    assert respelt == "What is the Ikegami mill?"
    # Never to a word the piece writes in lower case (tramway is no name).
    assert respell_english("Who is Tramay?", WORDS, is_english_word, names) == "Who is Tramay?"
