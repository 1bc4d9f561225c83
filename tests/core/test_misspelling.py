from bot.core.lexicon import is_english_word
from bot.core.misspelling import respell_english
from bot.core.tokenize import stem

PIECE = "The railway opened in 1871. The average temperature in July is 21 °C. Australia"
STEMS = frozenset(stem(w.casefold()) for w in PIECE.replace(".", " ").split())


def _respelt(question: str) -> str:
    return respell_english(question, STEMS, is_english_word)


def test_a_word_no_dictionary_knows_one_edit_from_the_piece_s_is_the_piece_s() -> None:
    assert stem("railway") in _respelt("When did the raiway open?")  # a letter dropped
    assert stem("temperature") in _respelt("What is the averge July temprature?")
    assert stem("average") in _respelt("What is the averge July temprature?")


def test_a_real_word_a_short_one_or_one_far_off_is_left() -> None:
    # Austria is a word (and two edits from Australia); "form" is too short to tell.
    assert _respelt("Is Austria in the piece?") == "Is Austria in the piece?"
    assert _respelt("Which form opened?") == "Which form opened?"
    assert _respelt("Where is the xylophne?") == "Where is the xylophne?"  # near nothing


def test_the_dictionary_knows_english_words_not_misspellings() -> None:
    assert is_english_word("temperature") and is_english_word("railways")
    assert not is_english_word("temprature")
