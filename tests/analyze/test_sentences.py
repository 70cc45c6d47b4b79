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


def test_the_dateline_is_a_sentence_of_its_own():
    from parallax.model import Article, Dateline

    text = "BERGEN, March 3. /NORDWIRE/. The harbour reopened on Monday. Ferries sailed again."
    a = Article(id="x", text=text, dateline=Dateline(0, 28, "Bergen", "--03-03", "NORDWIRE"))
    (done,) = SentenceStage().process_batch([a])
    assert [text[s:e] for s, e in done.sentences] == [
        "BERGEN, March 3. /NORDWIRE/.", "The harbour reopened on Monday.", "Ferries sailed again."]
    plain = Article(id="y", text=text[29:])
    (done,) = SentenceStage().process_batch([plain])
    assert len(done.sentences) == 2


def test_a_quote_mark_opening_the_next_sentence_starts_it():
    for text, first, second in (
        ("The minister struck a softer tone. “We came to build trust,” he said.", "The minister struck a softer tone.", "“We came to build trust,” he said."),
        ('The minister struck a softer tone. "We came to build trust," he said.', "The minister struck a softer tone.", '"We came to build trust," he said.'),
        ("Le ministre est parti. «Nous partons», a-t-il dit.", "Le ministre est parti.", "«Nous partons», a-t-il dit."),
    ):
        assert split(text) == [first, second]
    # a closing mark stays where it is
    text = "He said: “It is over.” Then he left."
    assert split(text) == ["He said: “It is over.”", "Then he left."]


def test_an_opening_quote_mark_starts_the_next_sentence():
    text = 'Dole played down the idea of a deal. "There never was one," he said. Then he left.'
    assert split(text) == ["Dole played down the idea of a deal.", '"There never was one," he said.', "Then he left."]
    text = "Party leaders praise his gifts. ''He can carry the message,'' Mr. Lund said."
    assert split(text) == ["Party leaders praise his gifts.", "''He can carry the message,'' Mr. Lund said."]


def test_a_closing_quote_mark_stays_with_its_sentence():
    assert split('He said, "We are ready." Then he left.') == ['He said, "We are ready."', "Then he left."]
