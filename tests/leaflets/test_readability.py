import pytest

from leaflets.readability import flesch_reading_ease, lix, readability


def test_lix_counts_words_per_sentence_and_long_words():
    # 8 words, 2 sentences, 2 words longer than six letters: 8/2 + 100*2/8 = 29
    text = "Ta tabletten med mat. Kontakt legen ved feber."

    assert lix(text) == pytest.approx(4 + 100 * 2 / 8)


def test_short_plain_norwegian_is_easy_and_long_compounds_are_hard():
    easy = readability("nb", "Ta én tablett hver dag. Drikk et glass vann. Ring legen ved feber.")
    hard = readability(
        "nb",
        "Immunsuppressiv behandling medfører betydelig økt infeksjonsrisiko, "
        "hvorfor regelmessige blodprøvekontroller anbefales kontinuerlig gjennomført.",
    )

    assert easy.index == "LIX" and not easy.hard
    assert hard.hard and hard.score > 50


def test_english_uses_flesch_reading_ease():
    plain = readability("en", "Take one tablet a day. Drink a glass of water. Call us if ill.")

    assert plain.index == "Flesch"
    assert plain.score > 70 and not plain.hard
    assert flesch_reading_ease("") == 0.0
