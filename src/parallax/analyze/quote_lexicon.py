"""Word lists for quote attribution: reporting cues, speaker pronouns, words that end a
speaker noun phrase. Kept apart so they can be tuned on labelled data without touching the
matcher. The cue list was chosen from the reporting verbs most often annotated as cues in
PolNeAR train and from the verbs of the Parallax seeds; belief verbs ("believes", "thinks")
are cues too because fact-checkers need opinions attributed as much as statements.

The learned tagger's features read ``TAGGER_CUE_WORDS`` and ``SPEECH_CUES``: retrain it
(``scripts/train_quotes.py``) after changing those. Words added to ``CUE_WORDS`` or
``MODEL_CUE_STEMS`` only widen the rules and the sentences the tagger reads and the cues
its finds may have."""

from __future__ import annotations

# Forms as written. Multi-word cues first so that the longest match wins.
MULTIWORD_CUES = (
    "pointed out", "went on to say", "made clear", "made it clear", "said in a statement",
)
CUE_WORDS: frozenset[str] = frozenset(
    """
    said says say saying told tells telling added adds adding noted notes noting
    wrote writes writing asked asks argued argues arguing argue claimed claims claiming
    explained explains explaining insisted insists insisting asserted asserts asserting
    stressed stresses stressing emphasized emphasised emphasizes emphasises emphasizing
    recalled recalls recalling declared declares declaring commented comments
    announced announces announcing reported reports believes believe believed
    thinks think warned warns warning suggested suggests suggesting
    acknowledged acknowledges admitted admits predicted predicts promised promises
    pledged pledges urged urges tweeted tweets indicated indicates confirmed confirms
    denied denies stated states observed maintained maintains contended contends
    countered replied replies responded responds concluded concludes repeated
    reiterated reiterates mentioned mentions revealed reveals alleged alleges
    complained complains conceded concedes boasted boasts vowed vows proclaimed
    remarked announced explained stressed cautioned assured informed
    """.split()
)
# The verbs of saying proper, tried first when a sentence holds several cue words.
SPEECH_CUES = CUE_WORDS
CUE_WORDS = CUE_WORDS | frozenset(
    # Added from PolNeAR train: words annotated as a cue in at least about half of their
    # occurrences there (attitudes, intentions and speech acts count as attributions).
    """
    called calling calls describes described describing declined declines accused accuses
    accusing criticized criticizes criticised criticizing endorsed endorses defended defends
    defending praised praises praising agreed agrees proposed proposes revealed urged urging
    vowed vowing noting referring questioned questions rejected rejects rejecting dismissed
    dismisses dismissing blamed blames blaming attacked attacks blasted blasts slammed slams
    mocked mocks hoped hopes hoping wants wanted fears feared feel feels felt knows knew
    citing cited cites showed shows found finds seemed seems appears appeared expects
    expected insist acknowledging acknowledge admit admitting deny denying stating
    predicting promising pledging recalling explaining conceding boasting complaining
    tweeting telling announcing answered answers responding warn suggest argue claim
    believed thought thinking believing contends contending estimated estimates
    predict expressed expressing touted touting thanked lamented lamenting sought seeks
    demanded demands demanding objected wondered wonders
    show showing oppose opposed opposes opposing
    refused refuses see sees saw offered offers hope plans plan want backing backed backs
    decided ordered prefer prefers preferred denounced denouncing signed
    considered considers identified learned listed decried welcomed echoed joked shouted
    requested favor favors favored worried expect reminded challenged
    continued continues asking posted mention charged charges pointing seem
    """.split()
)
# The cue words the shipped tagger's features were trained with (``quote_model``): kept
# apart so that the rules' list can grow without changing what the model sees.
TAGGER_CUE_WORDS = CUE_WORDS
CUE_WORDS = CUE_WORDS | frozenset(
    # A second pass over PolNeAR train articles 1-700: lowercase forms inside a gold cue at
    # least four times and in at least half of their occurrences, verbs of saying, arguing,
    # criticism and praise only (adverbs, adjectives and events such as "nominated" left out).
    """
    alleging alluding applauded articulated assailed bemoaned blasting chanted cite complain
    conclude condemned condemning congratulated declare deemed derided distanced echoing
    emailed emphasize forecast hailed highlighted implied implying indicate interjected
    invoked lashed likened mentioning mocking outlined pleaded portray portrayed proposing
    quoted railed rebuffed rebuked rebut recommended referenced remarking remembered
    reminding repeating retweeted signaled slamming sparred speculated thanking threaten
    voiced vow yelled
    """.split()
)
# Cues that take the hearer as object before the content: "told reporters (that) ...".
OBJECT_CUES = frozenset({"told", "tells", "telling", "assured", "informed", "warned", "reminded"})

PRONOUNS = frozenset(
    {"he", "she", "they", "we", "i", "it", "you", "who", "which", "him", "her", "them", "us", "me"}
)
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "who", "which"})
DETERMINERS = frozenset(
    """the a an his her their its our my your this these those another one two three
    several many some both each every any other others all most few""".split()
)
# Adverbs and auxiliaries that may stand between a speaker and its verb.
BETWEEN = frozenset(
    """also has have had would will later then previously repeatedly once again
    reportedly publicly recently earlier further privately often still never always just
    not did does do has later subsequently quickly firmly clearly flatly simply
    angrily openly bluntly even already initially first last now is are was were been
    being may might could should must can""".split()
)
# Lowercase words that cannot be inside a speaker noun phrase (clause words, verbs,
# prepositions other than "of").
STOP = frozenset(
    """that which when while as because if than so but or nor and to in on at for with
    from by about into over after before during since until against between through
    without under is was are were be been being has have had do does did would will
    could should may might can must not no yes there here where why how what whether
    said says say told added noted wrote asked also then however meanwhile though
    although yet instead even just only very more less""".split()
)
ROLE_HINTS = frozenset(
    """minister secretary president spokesman spokeswoman spokesperson diplomat official
    officials source sources senator governor ambassador chief head leader director
    chairman chairwoman representative envoy aide adviser advisor candidate nominee
    analyst analysts expert experts lawyer attorney general commander deputy premier
    chancellor mayor prime counterpart negotiator campaign department ministry office
    agency committee government administration company police dean professor founder
    president author editor partner owner member host ceo economist columnist pollster
    strategist historian researcher scholar""".split()
)

# Stems (see ``quote_model.stem``) of further words that may stand in the cue of an attribution the
# learned tagger adds (verbs of saying and arguing it found beyond the lists above). Taken from
# PolNeAR train (articles 1-700 by name): stems inside a gold cue at least 4 times and in at
# least 30% of their occurrences; adverbs, function words and adjectives of mood removed, and
# "discuss" (the topic of a meeting is not anyone's statement).
MODEL_CUE_STEMS: frozenset[str] = frozenset(
    """
    acquiesc affirm aim allud apologiz applaud approv articulat assail assertion
    assumption attribut balk bemoan bragg brush chant characteriz chid circulat
    complaint condemn congratulat contemplat contradict criticism deem derid
    disagreement disavow disclos dislik doubt dwell encourag envision
    expres forecast hail highlight hint impassion impli inclin inclination interject
    interpret invok justify lash liken outlin outspoken persuad plead portray promot
    pump quot rail rattl reaffirm realiz rebuff rebuk rebut recit recogniz recommend
    recount refer referenc regard relish remember renew repudiat resist respon retweet
    shrugg signal sparr speculat spok statement suggestion supportiv swip talk threaten
    tribut underscor unveil utter vouch worry yell
    """.split()
) | frozenset(
    # A second pass over the same articles: stems inside a gold cue at least twice and in at
    # least a quarter of their occurrences, verbs and nouns of saying, arguing and stance
    # only (adverbs, adjectives of mood and events such as "introduce a bill" left out),
    # the frequent stance verbs "support", "push", "advocate" (about a fifth), the other
    # stems of "clarify" and "testify", and verbs of saying and criticism the tagger found
    # on held-out train articles but this list lacked ("credited", "defend", "detailed",
    # "knocked", "voiced").
    """
    advocat allegation applau assuranc bark caveat chim clarify coin concern condemnation
    convinc cry decry denunciation depict desir disclosur disparag dismis distanc downplay
    dubb embrac evinc exclaim exhort extoll grous hammer harangu heckl herald imply insistenc
    intend jab lambast laud marvel mull overstat paint petition ponder posit preach press
    pronounc push quip quipp rebutt reckon refut reassur rejection renounc reply reprimand
    retort revil ridicul satiriz scold scoff scorn speculation spurn support taunt testifi
    trumpet vent warning
    clarifi testify credit defend detail knock voic
    """.split()
)
