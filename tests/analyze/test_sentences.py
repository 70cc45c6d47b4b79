from parallax.analyze.sentences import SentenceStage


def split(text):
    return [text[s:e] for s, e in SentenceStage().split(text)]


def test_sentences_inside_paragraphs():
    text = "The envoys met in Oslo. They spoke for an hour.\nA second paragraph follows."
    assert split(text) == ["The envoys met in Oslo.", "They spoke for an hour.", "A second paragraph follows."]


def test_a_lowercase_start_belongs_to_the_sentence_before():
    text = "The ministers met in the city of Bergen. this Monday.\nthe next paragraph starts lowercase."
    assert split(text) == ["The ministers met in the city of Bergen. this Monday.",
                           "the next paragraph starts lowercase."]
