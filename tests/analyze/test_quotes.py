"""Quote extraction on small invented news sentences: direct, mixed and indirect quotes, their
cue and speaker, odd quote marks, and passages that are not quotes at all."""

import pytest

from parallax.analyze.quote_marks import find_segments
from parallax.analyze.quotes import QuoteStage, find_quotes
from parallax.analyze.sentences import SentenceStage
from parallax.model import Article, Mention

_SPLIT = SentenceStage()


def quotes(text, mentions=()):
    """(content, kind, cue, speaker) of each quote found, as strings."""
    out = []
    for q in find_quotes(text, _SPLIT.split(text), list(mentions)):
        out.append((
            text[q.start:q.end],
            q.kind,
            text[q.cue[0]:q.cue[1]] if q.cue else None,
            text[q.speaker[0]:q.speaker[1]] if q.speaker else None,
        ))
    return out


def only(text, mentions=()):
    found = quotes(text, mentions)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,content,cue,speaker", [
    # speaker after the quote
    ("“We will not back down,” the mayor said.", "We will not back down,", "said", "the mayor"),
    ('"The bridge is safe," said Maria Olsen, the city engineer.', "The bridge is safe,", "said",
     "Maria Olsen, the city engineer"),
    # speaker before, with a comma or a colon
    ('Olsen said, "The bridge is safe for all traffic."', "The bridge is safe for all traffic.", "said", "Olsen"),
    ("The minister reiterated: “Our position has not changed at all.”",
     "Our position has not changed at all.", "reiterated", "The minister"),
    # speaker in the middle: one quote per side of the attribution
    ("“We are ready,” Olsen said. “The work starts on Monday.”", "We are ready,", "said", "Olsen"),
    # guillemets and single marks
    ("«Nous sommes prêts à parler», a déclaré le ministre. Petersen stressed: «The talks will go on.»",
     "The talks will go on.", "stressed", "Petersen"),
    ("‘There is no plan B for this town,’ the mayor insisted.", "There is no plan B for this town,",
     "insisted", "the mayor"),
    # two apostrophes as a double mark, as some archives write it
    ("''The deal is dead,'' Mr. Hale said.", "The deal is dead,", "said", "Mr. Hale"),
    # an organisation as speaker
    ('"The airport will reopen next week," the Transport Ministry said.',
     "The airport will reopen next week,", "said", "the Transport Ministry"),
    # pronoun speaker and "he added"
    ("“Nobody wants a war over fishing rights,” he added.", "Nobody wants a war over fishing rights,",
     "added", "he"),
])
def test_direct_quotes(text, content, cue, speaker):
    found = quotes(text)
    assert (content, "direct", cue, speaker) in found, found


def test_speaker_in_the_middle_keeps_both_halves():
    text = "“We are ready,” Olsen said. “The work starts on Monday and ends in May.”"
    found = quotes(text)
    assert [f[0] for f in found] == ["We are ready,", "The work starts on Monday and ends in May."]
    assert found[0][3] == "Olsen"


def test_glued_closing_mark_ends_the_quote_at_the_speaker():
    text = "“We will never accept troops on our border near UkraineBlinken stressed after the talks."
    content, kind, cue, speaker = only(text)
    assert content.endswith("near Ukraine")
    assert (cue, speaker) == ("stressed", "Blinken")


def test_glued_curly_closing_mark():
    text = "“There is no threat to anyone in this,”Lavrov stressed on Friday."
    content, kind, cue, speaker = only(text)
    assert content == "There is no threat to anyone in this,"
    assert (cue, speaker) == ("stressed", "Lavrov")


def test_unclosed_mark_does_not_swallow_the_article():
    text = ("The mayor said: “We will rebuild the bridge by spring.\n"
            "Traffic was diverted through the old town on Tuesday.\n"
            "Officials said the cost was not yet known.")
    found = quotes(text)
    assert found[0][:2] == ("We will rebuild the bridge by spring.", "direct")
    assert found[0][3] == "The mayor"
    assert ("the cost was not yet known", "indirect", "said", "Officials") in found


def test_quote_over_two_paragraphs_is_one_quote():
    text = ("“The first phase is finished,” the engineer said. “We start the second phase in May.\n"
            "“After that, the road will be open to lorries again.”")
    found = quotes(text)
    assert len(found) == 2
    assert found[1][0].startswith("We start the second phase")
    assert found[1][0].endswith("lorries again.")


@pytest.mark.parametrize("text,content,cue,speaker", [
    ("According to him, the talks will resume next month in Vienna.",
     "the talks will resume next month in Vienna", "According to", "him"),
    ("The talks will resume next month in Vienna, according to the foreign ministry.",
     "The talks will resume next month in Vienna", "according to", "the foreign ministry"),
    ("The police said that two men had been arrested near the station.",
     "that two men had been arrested near the station", "said", "The police"),
    ("Two men were arrested near the station, the police said.",
     "Two men were arrested near the station", "said", "the police"),
    ("Lindqvist believes the vote will be delayed until the autumn.",
     "the vote will be delayed until the autumn", "believes", "Lindqvist"),
    ("Anna Berg, a nurse at the city hospital, said the ward had been closed for a week.",
     "the ward had been closed for a week", "said", "Anna Berg, a nurse at the city hospital"),
    # an opening phrase before the speaker is not reported content
    ("On the same day, the mayor said that the bridge would stay closed until May.",
     "that the bridge would stay closed until May", "said", "the mayor"),
    ("Earlier, city spokeswoman Ida Holm said that on Monday the council would vote again.",
     "that on Monday the council would vote again", "said", "city spokeswoman Ida Holm"),
    # pronoun-like quantifiers as speakers
    ("Another said the plan would never pass the council.", "the plan would never pass the council",
     "said", "Another"),
    # a title in quotes before "X said that ..." is not what X said
    ('On the show "Good Morning," the mayor said that the bridge would reopen in May.',
     "that the bridge would reopen in May", "said", "the mayor"),
    ("According to the ministry, which hosted the talks, both sides agreed to meet again.",
     "both sides agreed to meet again", "According to", "the ministry, which hosted the talks"),
    ("Rabbi Tom Hale, president of the city's largest congregation, said he would skip the speech.",
     "he would skip the speech", "said", "Rabbi Tom Hale, president of the city's largest congregation"),
    ("Committee chairman Tom Wick (R-Miss.) said he expects the party to keep its majority.",
     "he expects the party to keep its majority", "said", "Committee chairman Tom Wick (R-Miss.)"),
    ("The mayor, meanwhile, said the bridge would reopen before the summer.",
     "the bridge would reopen before the summer", "said", "The mayor"),
    ("Ida Holm, dean of the city law school, said the rules had changed since the spring.",
     "the rules had changed since the spring", "said", "Ida Holm, dean of the city law school"),
    # an attitude covers its own clause, not the narrator's relative clause after it
    ("The envoy does not expect a breakthrough from the meeting, which will be held in Oslo on Friday.",
     "a breakthrough from the meeting", "does not expect", "The envoy"),
    # a noun as the cue: "his statement that ..."
    ("Critics pointed to his statement on Wednesday that the harbour would close for good.",
     "that the harbour would close for good", "statement", "his"),
    ("According to recent polling, the senator is once again leading the field.",
     "the senator is once again leading the field", "According to", "recent polling"),
    ("According to F.A.A. records, the plane has flown about 300 hours since June.",
     "the plane has flown about 300 hours since June", "According to", "F.A.A. records"),
    ("According to early results of exit polls conducted for the networks, turnout rose in the north.",
     "turnout rose in the north", "According to", "early results of exit polls conducted for the networks"),
    # a trailing "according to" names the source of the reporting, not another speaker
    ("The minister insists that the plant will stay open, according to his interview with a radio station.",
     "that the plant will stay open", "insists", "The minister"),
    ("Turnout fell sharply in the north, according to the electoral board, which counted the votes.",
     "Turnout fell sharply in the north", "according to", "the electoral board"),
    # a trailing "according to" another source reports the whole clause, the verb inside it too
    ("Most farmers oppose the new levy on water use, according to a survey by the Growers Union.",
     "Most farmers oppose the new levy on water use", "according to", "a survey by the Growers Union"),
    # ... but a verb of saying keeps its speaker, the trailing source only vouching for the report
    ("The envoy told reporters that the border would stay open, according to the state broadcaster.",
     "that the border would stay open", "told", "The envoy"),
    ("The council declined to renew the lease, according to two council members.",
     "The council declined to renew the lease", "according to", "two council members"),
])
def test_indirect_quotes(text, content, cue, speaker):
    assert only(text) == (content, "indirect", cue, speaker)


def test_two_attributions_in_one_sentence():
    text = ("While the mayor said the bridge would reopen in May, the engineers insisted that "
            "repairs would take the whole summer.")
    found = quotes(text)
    assert ("the bridge would reopen in May", "indirect", "said", "the mayor") in found
    assert ("that repairs would take the whole summer", "indirect", "insisted", "the engineers") in found


def test_nested_speech_stays_inside_the_outer_content():
    text = "Olsen said her neighbours think the new road is far too noisy."
    assert only(text) == ("her neighbours think the new road is far too noisy", "indirect", "said", "Olsen")


def test_mixed_quote_is_one_quote():
    text = "The minister said that the proposal was “a step in the right direction” for both sides."
    content, kind, cue, speaker = only(text)
    assert kind == "mixed"
    assert content.startswith("that the proposal was")
    assert "a step in the right direction" in content
    assert (cue, speaker) == ("said", "The minister")


def test_colon_line_names_its_speaker():
    assert only("Olsen: The bridge will reopen in May") == (
        "The bridge will reopen in May", "indirect", ":", "Olsen")
    # an interview's Q/A letters are not speakers
    assert quotes("Q: What did you find in the files that morning") == []
    # a headline's tag is not a speaker
    assert quotes("Breaking: The harbour bridge will close for a month") == []
    assert quotes("Bombshell: The harbour board hid the flood reports for a year") == []
    assert quotes("LOOK: Photos of the flooded valley are going around the world") == []
    assert quotes("The Latest: Ferry services resume after the storm on the coast") == []


@pytest.mark.parametrize("text", [
    # scare quotes around a term
    "The so-called “peace dividend” never arrived in the region.",
    "Critics call the plan a “giveaway” to developers.",
    # a title in quotes
    "She starred in “The Long Night” before moving to Berlin.",
    "The council discussed the report “Water for All” on Monday.",
    # no reporting at all
    "The bridge was closed for repairs on Tuesday.",
    # a cue word used as a noun
    "His several angry comments about the budget were widely shared.",
    "The Paris terrorist attacks shocked the whole country for months.",
    "Southern states held their primaries on the same day as the others.",
    "Justice Hale's comments from the bench drew wide attention in the capital.",
    # "states" the noun, even after a name; "called into" a programme
    "The Rust Belt states Indiana, Michigan and Ohio all voted for the governor in the last election.",
    "Lund called into the morning programme on the harbour radio station.",
])
def test_not_quotes(text):
    assert quotes(text) == []


def test_mentions_widen_the_speaker_to_the_whole_name():
    text = "“The deal is done,” Sergey Lavrov said."
    m = Mention(start=text.index("Sergey"), end=text.index(" said"), label="PERSON")
    assert only(text, [m])[3] == "Sergey Lavrov"


def test_unbalanced_marks_never_raise():
    for text in ["”", "“", '"', "“ ”", "He said: “", "”Hello“ she said", "'' '' ''", "«»‹›"]:
        find_quotes(text, [], [])
        find_segments(text)


def test_stage_adds_quotes_to_articles():
    text = "“We are ready for talks,” the envoy said."
    art = Article(id="a", text=text, sentences=tuple(_SPLIT.split(text)))
    (out,) = QuoteStage().process_batch([art])
    assert len(out.quotes) == 1 and out.quotes[0].kind == "direct"


def test_participle_after_a_trailing_attribution_is_a_second_quote():
    text = ("The talks helped both sides understand each other, the envoy said, adding that a "
            "written answer would follow next week.")
    assert quotes(text) == [
        ("The talks helped both sides understand each other", "indirect", "said", "the envoy"),
        ("that a written answer would follow next week", "indirect", "adding", "the envoy"),
    ]


def test_time_of_saying_is_not_content():
    assert only("Lavrov said on Friday his meeting with the envoy went well.")[0] == (
        "his meeting with the envoy went well")


def test_statement_under_a_caption_line():
    text = ("The minister spoke after the vote.\n\nAntonia Berg, Finance Minister.\n\n"
            "We will not raise taxes this year. Our budget is balanced.\n\nPrices rose in May.")
    assert only(text) == ("We will not raise taxes this year. Our budget is balanced", "direct", None,
                          "Antonia Berg")


def test_caption_needs_a_first_person_statement():
    text = "Antonia Berg, Finance Minister.\n\nThe budget was approved by parliament on Monday."
    assert quotes(text) == []


def test_passive_names_no_speaker():
    assert quotes("Negotiations are expected to begin on Friday at noon.") == []
    text = "It is noted that at the time the minister emphasized the need for calm talks."
    assert only(text) == ("the need for calm talks", "indirect", "emphasized", "the minister")


def test_praised_and_said_are_two_attributions():
    text = "She praised the judge and said the senators should give him a hearing."
    assert quotes(text) == [
        ("the judge", "indirect", "praised", "She"),
        ("the senators should give him a hearing", "indirect", "said", "She"),
    ]


def test_second_verb_of_one_subject_is_a_second_attribution():
    text = "The mayor says she respects the “hard work” of the council but argues that the plan costs too much."
    found = quotes(text)
    assert [(f[2], f[3]) for f in found] == [("says", "The mayor"), ("argues", "The mayor")]
    assert found[1][0] == "that the plan costs too much"


@pytest.mark.parametrize("text,content,cue,speaker", [
    # any verb closing a quote is its reporting verb
    ("“The work is long and hard,” Mr. Graham continued.", "The work is long and hard,", "continued", "Mr. Graham"),
    ("“Everyone is welcome here,” the statement read.", "Everyone is welcome here,", "read", "the statement"),
    ("“We need friends again,” former state governor Tom Berg said.", "We need friends again,", "said",
     "former state governor Tom Berg"),
    ("“Imagine him on the same stage,” mused the radio host Stu Burr.", "Imagine him on the same stage,",
     "mused", "the radio host Stu Burr"),
    # a paragraph ending in a colon introduces the quote below it
    ("The mayor spoke at length. She went on to say:\n\n“We will rebuild the bridge before the storms.”",
     "We will rebuild the bridge before the storms.", "went on to say", "She"),
    ("Stated Holm:\n\n“I think the stakes are very high for all of us.”",
     "I think the stakes are very high for all of us.", "Stated", "Holm"),
])
def test_attribution_around_the_quote(text, content, cue, speaker):
    assert (content, "direct", cue, speaker) in quotes(text)


def test_quote_in_the_next_paragraph_keeps_the_speaker():
    text = "“We are ready,” Olsen said.\n\n“The work starts on Monday and ends in May.”"
    assert quotes(text)[1] == ("The work starts on Monday and ends in May.", "direct", "said", "Olsen")


def test_a_new_paragraph_of_narration_ends_the_speaker_turn():
    text = ("“We are ready,” Olsen said.\n\nThe council met later that day.\n\n"
            "“The budget is not approved and the works will wait for a year.”")
    assert quotes(text)[-1][3] is None


def test_participle_after_a_direct_quote_keeps_its_speaker():
    text = "“Nobody will vote for twelve dollars,” Jealous said, suggesting that a bolder platform could win."
    assert quotes(text) == [
        ("Nobody will vote for twelve dollars,", "direct", "said", "Jealous"),
        ("that a bolder platform could win", "indirect", "suggesting", "Jealous"),
    ]


def test_subject_of_the_sentence_speaks_for_a_joined_verb():
    text = "She cut the debt to half in five years, but said she could not repay the rest of it."
    assert only(text) == ("she could not repay the rest of it", "indirect", "said", "She")


def test_joined_verb_needs_a_named_subject():
    assert quotes("In the end it rained for days and said nothing about anything at all.") == []


def test_participle_after_the_subjects_own_clause():
    text = "She also compared the senator to her rival, saying they are both part of the same system."
    assert only(text) == ("they are both part of the same system", "indirect", "saying", "She")


def test_question_put_to_someone_then_the_answer():
    text = "Asked whether he would run again, the mayor said he had not decided yet."
    assert quotes(text) == [
        ("whether he would run again", "indirect", "Asked", None),
        ("he had not decided yet", "indirect", "said", "the mayor"),
    ]


@pytest.mark.parametrize("text,content,cue,speaker", [
    # the negation goes with the cue, so the view keeps its polarity
    ("The mayor does not expect a quick deal with the unions.", "a quick deal with the unions",
     "does not expect", "The mayor"),
    ("The coach never believed the new stadium would open on time.",
     "the new stadium would open on time", "never believed", "The coach"),
])
def test_negated_cue_keeps_its_negation(text, content, cue, speaker):
    assert only(text) == (content, "indirect", cue, speaker)


@pytest.mark.parametrize("text", [
    # a refusal to say, or a saying that did not happen, reports no statement
    "The ministry declined to say how many soldiers had been sent to the border.",
    "A spokesman refused to comment on whether the plant would close next year.",
    "The mayor did not say when the bridge over the river would reopen.",
])
def test_refusal_to_speak_is_not_a_quote(text):
    assert quotes(text) == []


@pytest.mark.parametrize("text", [
    # "add to" and "continue to" in the sense of increasing or going on report nothing
    "The late rain is adding to the misery of farmers in the valley.",
    "The number of cyclists in the city continues to grow every year.",
])
def test_add_to_and_continue_to_are_not_cues(text):
    assert quotes(text) == []


def test_continued_to_with_a_verb_of_saying_still_reports():
    text = "The mayor continued to insist that the bridge was safe."
    assert only(text) == ("to insist that the bridge was safe", "indirect", "continued", "The mayor")


def test_subject_of_a_joined_verb_is_the_whole_noun_phrase():
    text = "The mayor toured the flooded streets and promised a new pumping station."
    assert only(text) == ("a new pumping station", "indirect", "promised", "The mayor")


@pytest.mark.parametrize("text,expected", [
    # verbs of praise, criticism and saying that PolNeAR train annotates as cues most of the time
    ("The coach hailed the new stadium as a gift to the whole town.",
     ("the new stadium as a gift to the whole town", "indirect", "hailed", "The coach")),
    ("The union condemned the decision to close the depot in March.",
     ("the decision to close the depot in March", "indirect", "condemned", "The union")),
    ("Olsen likened the new tax to a fine on working families.",
     ("the new tax to a fine on working families", "indirect", "likened", "Olsen")),
])
def test_reporting_verbs_from_the_lexicon(text, expected):
    assert only(text) == expected


def test_time_of_saying_is_not_the_content():
    assert only("The mayor said earlier this week the bridge would reopen in May.") == (
        "the bridge would reopen in May", "indirect", "said", "The mayor")
    # nothing but the time is left: no quote
    assert quotes("The mayor indicated earlier this week.") == []


@pytest.mark.parametrize("text,expected", [
    # "as reported by X" names the source as "according to X" does
    ("As reported by the Daily Star, the old mill will close at the end of the year.",
     ("the old mill will close at the end of the year", "indirect", "As reported", "the Daily Star")),
    ("The old mill will close at the end of the year, as first reported by the Daily Star.",
     ("The old mill will close at the end of the year", "indirect", "as first reported", "the Daily Star")),
])
def test_as_reported_by_names_the_source(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text", [
    # cue words in a sense that reports nothing, told by what follows them
    "Fighters backed by the militia crossed the river at night.",
    "A website called Harbour News Today spread the rumour.",
    "Olsen reported from the harbour on the damage to the fishing fleet.",
    "The mayor has 400 pledged delegates from the northern districts.",
    "Hundreds of protesters showed up at the town hall on Monday.",
    "The mayor appeared at the harbour festival with her two brothers.",
    "The port authority found itself at the centre of the budget row.",
])
def test_cue_words_that_report_nothing(text):
    assert quotes(text) == []


def test_by_and_a_gerund_still_reports():
    text = "The mayor concluded by saying that the bridge would reopen in May."
    assert only(text)[1:] == ("indirect", "concluded", "The mayor")


@pytest.mark.parametrize("text, speaker", [
    ('"The bridge works as a link," Paul R. Dunn Jr., the director of the Port Authority, said at a news conference.',
     "Paul R. Dunn Jr., the director of the Port Authority"),
    ('"If trends hold, the firm will be sold," Rita Moss, managing director and analyst at Grey Bank, told me.',
     "Rita Moss, managing director and analyst at Grey Bank"),
    ('"Both plans worry me," Tom Hale, 30, of Salem, Ore., who was among those asked, said in an interview.',
     "Tom Hale, 30, of Salem, Ore., who was among those asked"),
    ('"It is long and tiring," Tia Lund, Mrs. Park\'s chief of staff, said in an interview.',
     "Tia Lund, Mrs. Park's chief of staff"),
    ('"We need him because life is hard here," his wife, Ana Marie Lupu, wrote in a letter to the court.',
     "his wife, Ana Marie Lupu"),
    ('"We must build more roads," the likely Green Party nominee said after the rally.',
     "the likely Green Party nominee"),
    ('"She is clearly experienced, right?" campaign manager Jeff Wade said Monday in an interview.',
     "campaign manager Jeff Wade"),
])
def test_speaker_after_a_quote_keeps_the_whole_name_and_its_description(text, speaker):
    content, kind, _cue, sp = quotes(text)[0]
    assert kind == "direct"
    assert sp == speaker


def test_a_place_before_a_named_speaker_is_not_part_of_the_speaker():
    found = quotes("In Iowa, Trump, the senator, said that the caucus rules were unfair.")
    assert found[0][3] == "Trump, the senator"


@pytest.mark.parametrize("text, speaker", [
    ('"These are dark days for people like me," former party speechwriter Noam Hale wrote in a column.',
     "former party speechwriter Noam Hale"),
    ('"I do not trust her," Cara Pond, 67, a retired clerk in Allentown, Pa., said in an interview.',
     "Cara Pond, 67, a retired clerk in Allentown, Pa."),
    ('"The facts have not changed," a spokesman for committee members said.',
     "a spokesman for committee members"),
    ('"The cost is too high," state Senate leader Paul Berg and House Speaker Tim Moss, both Greens, said in a statement.',
     "state Senate leader Paul Berg and House Speaker Tim Moss, both Greens"),
])
def test_a_long_speaker_phrase_between_a_quote_and_its_cue(text, speaker):
    content, kind, _cue, sp = quotes(text)[0]
    assert kind == "direct"
    assert sp == speaker


def test_a_title_quoted_inside_a_sentence_does_not_take_the_clause_after_it_as_speaker():
    found = quotes('He recalled the "Great Game," the old contest between two empires, he says of the region.')
    assert all(sp != "the old contest between two empires, he" for _c, _k, _cue, sp in found)


@pytest.mark.parametrize("text, speaker", [
    ("Ames last year proposed that the border fence be extended to the coast.", "Ames"),
    ("Dole at the time said that the deal would collapse within a month.", "Dole"),
    ("The mayor on April 18, 1977, declared that the city would never again close its schools.", "The mayor"),
])
def test_a_time_phrase_between_speaker_and_cue_is_not_the_speaker(text, speaker):
    assert only(text)[3] == speaker


def test_a_participle_after_an_object_goes_on_for_the_subject():
    found = quotes("Berg was blunt about her dislike of Dole, the current front-runner, saying the party must unite against him.")
    assert [sp for *_x, sp in found] == ["Berg"]


def test_a_capitalised_opening_word_is_not_a_speaker():
    for text in ("Perhaps the voters cut the budget in half, but said they could not repay the loan.",
                 "Despite the rain, crowds filled the square, hoping the band would play."):
        assert all(sp not in ("Perhaps", "Despite") for *_x, sp in quotes(text))


def test_a_role_opening_the_sentence_speaks_for_a_joined_verb():
    found = quotes("The former senator cut the debt in half, but said she could not repay the loan.")
    assert found[-1][3] == "The former senator"


def test_a_quote_after_a_sentence_is_not_joined_to_it():
    found = quotes('Dole played down the idea that he had a deal with Ames. "There never was a grand alliance," he said.')
    assert ("There never was a grand alliance,", "direct", "said", "he") in found


def test_a_quote_after_an_attributed_sentence_is_that_speakers():
    found = quotes('Lund praised the plan as a model for the region. "It will save lives in every town."')
    assert ("It will save lives in every town.", "direct", "praised", "Lund") in found


def test_a_quote_opening_a_paragraph_takes_the_speaker_of_the_sentence_above():
    text = 'The weather was poor. Then Berg said that the talks had failed.\n\n"We tried everything we could think of."'
    assert quotes(text)[-1][3] == "Berg"


def test_a_quote_after_a_sentence_with_no_speaker_stays_unattributed():
    text = 'The weather was poor all week in the valley. "Nobody could remember a wetter spring than this."'
    assert quotes(text)[-1][3] is None


def test_a_signature_line_under_a_quotation_names_its_speaker():
    text = 'The claim was checked.\n\n"Nobody in this state pays less tax than the big firms do."\n\n- Ann Berg.\n\nThe figures tell a different story.'
    found = [q for q in quotes(text) if q[0].startswith("Nobody")]
    assert found[0][2:] == ("-", "Ann Berg")


def test_a_participle_right_after_a_quote_takes_an_object_not_a_speaker():
    text = 'Ames praised the vote as “fantastic,” telling reporters on Friday that the result was “a great thing.”'
    assert all(sp != "reporters" for *_x, sp in quotes(text))


def test_a_participle_after_a_quote_closing_on_its_comma_goes_on_for_that_speaker():
    text = '“We won,” Ames said, “and we will win again,” adding that the party would hold a rally on Friday night.'
    assert all(sp == "Ames" for *_x, sp in quotes(text))


def test_the_object_after_a_participle_is_not_the_speaker():
    text = "Lund’s campaign shrugged off the remarks, telling reporters, “Nobody on the team will comment on this.”"
    assert [sp for *_x, sp in quotes(text)] == ["Lund’s campaign"]
    text = "Ames took a risk by joking about farmers, telling the crowd, “I am a dealmaker like you, folks.”"
    assert [sp for *_x, sp in quotes(text)] == ["Ames"]


def test_first_person_speech_inside_a_quotation_is_not_a_new_attribution():
    text = '“First of all,” she told the host, “I would never wish that on anyone. But I also truly believe that it should never be used as a shield.”'
    assert all(sp not in ("I", "we", "you") for *_x, sp in quotes(text))


def test_first_person_speech_outside_quotes_still_counts():
    assert only("I believe that the council should have voted on the plan last year.")[3] == "I"


def test_a_quote_whose_sentence_ends_with_its_attribution():
    text = '"This will be a real challenge for everyone" for the mayor, said Lund. "She can never be as bold as the rest."'
    assert [(c[:9], sp) for c, _k, _cue, sp in quotes(text)] == [("This will", "Lund"), ("She can n", "Lund")]


@pytest.mark.parametrize("text, speaker", [
    ("The plan will fail, according to a recent report from Bloomberg Energy Finance.",
     "a recent report from Bloomberg Energy Finance"),
    ("Ames and Berg have both argued that the plan will fail this year.", "Ames and Berg"),
    ("The chairman earlier in the day touted the findings as a breakthrough for the panel.", "The chairman"),
])
def test_speaker_found_past_a_document_a_floating_quantifier_or_a_time(text, speaker):
    assert only(text)[3] == speaker


@pytest.mark.parametrize("text", [
    "Ames in a Medium post said he would appoint more judges to the court.",
    "Ames on Twitter wrote that the vote had been rigged by the board.",
])
def test_where_something_was_said_is_not_the_speaker(text):
    assert only(text)[3] == "Ames"


def test_a_first_name_that_is_also_a_word():
    text = '"It is a pretty expensive business model," said Will Dole, a professor at Lake University.'
    assert only(text)[3] == "Will Dole, a professor at Lake University"


def test_a_quote_with_an_unread_attribution_of_its_own_does_not_take_the_speaker_before():
    text = 'Costs rise faster than inflation, Ames said.\n\n"It is a costly model for every college," noted, with a sigh, a dean.'
    found = [q for q in quotes(text) if q[0].startswith("It is")]
    assert found and found[0][3] != "Ames"


def test_a_quote_is_not_given_to_a_thing_named_in_the_sentence_before():
    text = 'Despite polls showing a close race, the count went on all night. "Let me thank every volunteer who worked so hard."'
    assert quotes(text)[-1][3] is None


def test_a_colon_line_without_a_known_cue_still_introduces_its_subjects_quote():
    text = 'The attack shocked the city.\n\nMayor Ames issued the following statement:\n\n"Our thoughts are with the victims and their families tonight."'
    assert quotes(text)[-1][2:] == ("issued the following statement:", "Mayor Ames")


@pytest.mark.parametrize("text,content,cue,speaker", [
    # an attribution closing the sentence reports the whole clause, nested verbs and all
    ("The council wants to close the pool by June, Mayor Ann Berg said.",
     "The council wants to close the pool by June", "said", "Mayor Ann Berg"),
    ("He promised to rebuild the bridge before the winter, the spokeswoman told reporters on Monday.",
     "He promised to rebuild the bridge before the winter", "told", "the spokeswoman"),
    ("The engineers believe the dam will hold, said Tom Hale, the head of the water board.",
     "The engineers believe the dam will hold", "said", "Tom Hale, the head of the water board"),
])
def test_closing_attribution_is_the_outer_one(text, content, cue, speaker):
    assert only(text) == (content, "indirect", cue, speaker)


def test_two_closing_clauses_stay_two_attributions():
    found = quotes("Lund said the plan would work, and Berg said it would not.")
    assert [(c, s) for c, _k, _cue, s in found] == [("the plan would work", "Lund"), ("it would not", "Berg")]


@pytest.mark.parametrize("text,content,cue,speaker", [
    # a participle after a time phrase and a comma goes on for the subject, not the place
    ("Lina Ek shared the photo on Facebook last week, writing that the harbour had never looked better.",
     "that the harbour had never looked better", "writing", "Lina Ek"),
    # a capitalised preposition opening the sentence is no speaker
    ("Despite criticizing the budget for months, the senator voted for it on Friday.",
     "the budget for months", "criticizing", "the senator"),
    ("Besides attacking the budget, Lund praised the new school plan.",
     "the budget", "attacking", "Lund"),
])
def test_participle_speakers(text, content, cue, speaker):
    assert quotes(text)[0] == (content, "indirect", cue, speaker)


@pytest.mark.parametrize("source,rejected", [
    ("Despite", True), ("Along", True), ("Using", True), ("Mrs", True),
    ("Beijing", False), ("King", False), ("This initiative", False), ("Just over a quarter", False),
])
def test_tagged_sources_that_name_nobody(source, rejected):
    from parallax.analyze.quotes import _not_a_source
    assert _not_a_source(source, (0, len(source))) is rejected


@pytest.mark.parametrize("text,content,cue,speaker", [
    # a contracted negation stands between speaker and verb as "does not" does
    ("The mayor doesn’t think the bridge will reopen in May.", "the bridge will reopen in May",
     "doesn’t think", "The mayor"),
    ("Critics have in particular noted the cost of the new stadium for the city.",
     "the cost of the new stadium for the city", "noted", "Critics"),
    # "Will" the columnist, not the auxiliary
    ("Columnist George Will wrote that the plan was dead.", "that the plan was dead", "wrote",
     "Columnist George Will"),
])
def test_words_between_speaker_and_cue(text, content, cue, speaker):
    assert only(text) == (content, "indirect", cue, speaker)


def test_will_after_a_quote_is_a_name():
    assert only("“The plan is dead and everyone in the city knows it,” Will wrote.")[2:] == ("wrote", "Will")


def test_negated_contracted_saying_reports_nothing():
    assert quotes("The mayor didn’t say when the bridge would reopen to traffic.") == []


@pytest.mark.parametrize("text,speaker", [
    # the object inside a relative clause is not the speaker; the noun it describes is
    ("Current and former officials who spoke with the Daily Star said the party had lost its way.",
     "former officials"),
    ("Residents who live near the river say the water has risen by a metre.", "Residents"),
    # a complementizer "that" after a verb opens no relative clause
    ("The mayor said that the union leaders warned of a strike.", "The mayor"),
    # a pronoun after "who"/"that" is the clause's own subject
    ("She told the voters that she thinks the plan will work.", "She"),
])
def test_relative_clause_before_the_cue(text, speaker):
    assert quotes(text)[0][3] == speaker


def test_tagger_source_replaces_a_thing_before_the_cue():
    from parallax.analyze import quote_model
    from parallax.analyze.quotes import _model_speakers
    from parallax.model import Quote

    text = "Lund won the state easily and tweeted a short thank-you to her volunteers."
    cue = (text.index("tweeted"), text.index("tweeted") + len("tweeted"))
    thing = (text.index("the state"), text.index("the state") + len("the state"))
    content = (text.index("a short"), len(text) - 1)
    rule = Quote(content[0], content[1], "indirect", cue, thing)
    tagged = [quote_model.Attribution(cue, (0, 4), [content])]
    assert _model_speakers(text, [rule], tagged, [])[0].speaker == (0, 4)
    # a person noun from the rules stands
    rule = Quote(content[0], content[1], "indirect", cue, (0, 4))
    other = [quote_model.Attribution(cue, thing, [content])]
    assert _model_speakers(text, [rule], other, [])[0].speaker == (0, 4)


def test_cannot_stands_between_speaker_and_cue():
    assert only("I cannot see any future for the harbour under this plan.")[2:] == ("cannot see", "I")


def test_tagger_source_replaces_a_determined_thing_before_the_cue():
    from parallax.analyze import quote_model
    from parallax.analyze.quotes import _model_speakers
    from parallax.model import Quote

    text = "The uproar began weeks after Lund entered the race, vowing to close the harbour."
    cue = (text.index("vowing"), text.index("vowing") + len("vowing"))
    content = (text.index("to close"), len(text) - 1)
    lund = (text.index("Lund"), text.index("Lund") + 4)
    rule = Quote(content[0], content[1], "indirect", cue, (0, len("The uproar")))
    tagged = [quote_model.Attribution(cue, lund, [content])]
    assert _model_speakers(text, [rule], tagged, [])[0].speaker == lund


def test_tagger_attributes_a_quotation_the_rules_left_alone():
    from parallax.analyze import quote_model
    from parallax.analyze.quotes import _model_speakers
    from parallax.model import Quote

    text = "“The harbour belongs to all of us,” read one of the banners held up at the pier."
    inner = (1, text.index("us,") + 3)
    cue = (text.index("read"), text.index("read") + 4)
    source = (text.index("one of"), text.index(" held"))
    rule = Quote(inner[0], inner[1], "direct", None, None)
    tagged = [quote_model.Attribution(cue, source, [inner])]
    got = _model_speakers(text, [rule], tagged, [])[0]
    assert (got.cue, got.speaker) == (cue, source)
    # a cue far from the quotation, in another paragraph, is not its attribution
    far = text + "\n\nLater that day the council said nothing at all about the banners."
    cue2 = (far.index("said"), far.index("said") + 4)
    council = (far.index("the council"), far.index(" said"))
    tagged = [quote_model.Attribution(cue2, council, [inner])]
    assert _model_speakers(far, [rule], tagged, [])[0].speaker is None


def test_told_in_the_passive_names_no_speaker():
    # The people told are the addressees: nobody in the sentence says anything.
    assert quotes("Smoke drifted over the district, and residents were told to keep their windows shut.") == []
    assert quotes("The mayor was told the bridge would close.") == []


def test_relative_clause_cue_ends_at_its_comma():
    found = quotes("Holm, who has defended the bridge plan since May, struck a calmer tone than before.")
    assert [q[0] for q in found] == ["the bridge plan since May"]


def test_a_deliberation_is_not_a_statement():
    text = "Jan Berg said the firm would move its trucks to a rented yard while it decided whether to rebuild."
    assert only(text) == ("the firm would move its trucks to a rented yard while it decided whether to rebuild",
                          "indirect", "said", "Jan Berg")


@pytest.mark.parametrize("text,speaker", [
    ("The Daily Post, for one, noted that the two networks covered the speech very differently.", "The Daily Post"),
    ("The ministry, for its part, said the bridge would reopen in May.", "The ministry"),
])
def test_an_aside_between_speaker_and_cue(text, speaker):
    assert only(text)[3] == speaker


@pytest.mark.parametrize("headline,content,cue,speaker", [
    ("Mayor Lund Says No To New Bridge As Council Turns Up The Pressure.",
     "No To New Bridge", "Says", "Mayor Lund"),
    ("Wow: Harbour Chief Just Said Something Unexpected About The Dam – It Might Surprise You.",
     "Something Unexpected About The Dam", "Just Said", "Harbour Chief"),
    ("Port Director Tells Fishermen They Need To Wait Until May.",
     "They Need To Wait Until May", "Tells", "Port Director"),
    ("Leaked Memo Reveals Council Knew The Dam Was Unsafe.",
     "Council Knew The Dam Was Unsafe", "Reveals", "Leaked Memo"),
    ("Senator Vale Finally Endorses The Coastal Plan.",
     "The Coastal Plan", "Finally Endorses", "Senator Vale"),
    ("Ferry Strike Drags On — Some Say The Union Will Win.",
     "The Union Will Win", "Say", "Some"),
    ("Leaked Files Reveal Harbour Board Donors.",
     "Harbour Board Donors", "Reveal", "Leaked Files"),
    ("Fishing Union Leader Anna Berg Defends Lund Amid Dam Dispute.",
     "Lund", "Defends", "Fishing Union Leader Anna Berg"),
])
def test_title_case_headline_names_speaker_cue_and_content(headline, content, cue, speaker):
    text = headline + "\n\nThe council met on Monday in the town hall to discuss the harbour."
    assert (content, "indirect", cue, speaker) in quotes(text)


@pytest.mark.parametrize("headline", [
    # a noun before a verb, not a cue
    "Republican Tax Plans Would Cost A Fortune.",
    # one word after the cue that names nobody
    "Harbour Workers Warn Everyone.",
    "The Daily Show Takes A Closer Look At The Harbour Candidates.",
    # the one named is spoken about
    "Harbour Board Accused Of Hiding The Flood Reports.",
    # a clause, not a speaker
    "After Lund Won The Vote The Council Says Nothing.",
    # all capitals: no word stands out as the cue
    "WHERE THE MAYOR SAYS THE HARBOUR WILL GO NEXT.",
])
def test_headline_words_that_are_not_attributions(headline):
    from parallax.analyze.quotes import _headlines
    assert _headlines(headline + "\n\nThe council met on Monday.") == []


def test_headline_with_a_speaker_colon_is_left_to_the_colon_rule():
    text = "Mayor Lund: The Bridge Will Reopen In May.\n\nThe council met on Monday."
    assert ("The Bridge Will Reopen In May", "indirect", ":", "Mayor Lund") in quotes(text)
    assert [q for q in quotes(text) if q[2] != ":"] == []


def test_sentence_case_prose_is_not_read_as_a_headline():
    from parallax.analyze.quotes import _headlines
    assert _headlines("The mayor says the bridge will reopen in May, officials said.") == []


def test_clause_of_time_before_the_speaker_is_not_the_statement():
    text = "As the speech went on, Lund railed at the council's refusal to fund the dam repairs."
    assert only(text) == ("at the council's refusal to fund the dam repairs", "indirect", "railed", "Lund")
    assert quotes("As the vote neared, the mayor said.") == []
    # a statement that opens with a condition is still the statement
    assert only("If the levy passes, taxes will rise, the mayor said.") == (
        "If the levy passes, taxes will rise", "indirect", "said", "the mayor")


@pytest.mark.parametrize("text,speaker", [
    ("A spokesman for the council said the bridge would reopen in May.", "A spokesman for the council"),
    ("A senior official at the ministry said the talks had stalled.", "A senior official at the ministry"),
    ("The ambassador to the United Nations said the vote was close.", "The ambassador to the United Nations"),
    ("Lawyers for the family said they would appeal the ruling.", "Lawyers for the family"),
])
def test_role_before_a_preposition_heads_the_speaker(text, speaker):
    assert only(text)[3] == speaker


@pytest.mark.parametrize("text,first,second", [
    # the tagger's attribution is cut where the same subject's second verb starts
    ("Some strategists fear that the mayor has missed a chance and warn that counting on voters is risky.",
     ("that the mayor has missed a chance", "fear", "Some strategists"),
     ("that counting on voters is risky", "warn", "Some strategists")),
    # a phrase of time or place between the joiner and the second verb
    ("The clerk first said he did not recall the deletions, but in a later interview said he had deleted the files.",
     ("he did not recall the deletions", "said", "The clerk"),
     ("he had deleted the files", "said", "The clerk")),
    # "even as" and "even though" open a second clause
    ("The governor acknowledged some errors even as he defended the plan and the council.",
     ("some errors", "acknowledged", "The governor"),
     ("the plan and the council", "defended", "he")),
])
def test_second_statement_in_one_sentence_is_its_own_quote(text, first, second):
    found = [(c, cue, sp) for c, _kind, cue, sp in quotes(text)]
    assert found == [first, second]


@pytest.mark.parametrize("text,content,speaker", [
    ("On Tuesday, the minister visited the dam, saying it was safe for the town.",
     "it was safe for the town", "the minister"),
    ("In May, a federal judge sided with the farmers, saying the law violated the constitution.",
     "the law violated the constitution", "a federal judge"),
    ("Earlier, Lund toured the harbour, warning that the pier could collapse.",
     "that the pier could collapse", "Lund"),
])
def test_participle_after_an_opening_phrase_reports_for_the_subject(text, content, speaker):
    found = only(text)
    assert (found[0], found[3]) == (content, speaker)


def test_states_the_verb_still_reports():
    assert only("The report states that the dam was never inspected by the agency.") == (
        "that the dam was never inspected by the agency", "indirect", "states", "The report")


@pytest.mark.parametrize("text,content", [
    # where the words were said is not what was said
    ("The ministers agreed in Oslo on Friday to create a joint commission of engineers.",
     "to create a joint commission of engineers"),
    ("The minister told reporters in Oslo that the summer flow of the river was not negotiable.",
     "that the summer flow of the river was not negotiable"),
    # a straight mark closing a quoted fragment stays with it
    ('Hale said the talks had been "frank and useful" but warned that the plan would fail.',
     'the talks had been "frank and useful"'),
])
def test_content_starts_and_ends_where_the_statement_does(text, content):
    assert content in [q[0] for q in quotes(text)]


@pytest.mark.parametrize("text,content,speaker", [
    ("'We won't retreat from the harbour,' Lund said.", "We won't retreat from the harbour,", "Lund"),
    ("Lund said: 'The farmers' union will decide on Monday.'", "The farmers' union will decide on Monday.", "Lund"),
])
def test_straight_single_marks_are_quotation_marks(text, content, speaker):
    assert only(text) == (content, "direct", "said", speaker)


def test_straight_single_marks_around_an_attribution_in_the_middle():
    found = quotes("'We will rebuild,' he said, 'but not before the council pays.'")
    assert [(c, k, sp) for c, k, _cue, sp in found] == [
        ("We will rebuild,", "direct", "he"), ("but not before the council pays.", "direct", "he")]


@pytest.mark.parametrize("text", [
    "The farmers' union said it would strike on Monday and Tuesday.",
    "In the '90s the harbour was busy with grain ships from the north.",
    "O'Neill won't sign the harbour deal before the vote.",
])
def test_apostrophes_are_not_quotation_marks(text):
    assert find_segments(text) == []


@pytest.mark.parametrize("text,speaker", [
    ("The farmers’ union said it would strike on Monday.", "The farmers’ union"),
    ("The farmers' union said it would strike on Monday.", "The farmers' union"),
    ("“We will strike,” the workers’ spokesman said.", "the workers’ spokesman"),
])
def test_plural_possessive_stays_in_the_speaker(text, speaker):
    assert only(text)[3] == speaker
