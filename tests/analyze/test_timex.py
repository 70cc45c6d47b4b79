"""The temporal tagger on small invented news sentences, and on the seed articles."""

import re
from pathlib import Path

import pytest

from parallax.analyze.timex import TimexStage, tag, tense_at, weekday_of
from parallax.model import Article

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def values(text, dct):
    return {text[t.start:t.end]: (t.type, t.value, t.anchor) for t in tag(text, dct)}


@pytest.mark.parametrize("text,dct,expr,expected", [
    # absolute dates
    ("The pact was signed on December 17, 2021 in Oslo.", "2022-01-20", "December 17, 2021", "2021-12-17"),
    ("Results are due 2021-03-04, the board said.", "2022-01-20", "2021-03-04", "2021-03-04"),
    ("Talks stalled in March 1998.", "2022-01-20", "March 1998", "1998-03"),
    ("It was built in the 1990s.", "2022-01-20", "the 1990s", "199"),
    # month and day without a year: the article's year, moved by the clause's tense
    ("The meeting was held on January 10 in Bern.", "2022-01-20", "January 10", "2022-01-10"),
    ("Prices rose on Dec. 30, traders said.", "2022-01-03", "Dec. 30", "2021-12-30"),
    ("KKR bought the firm in February.", "1989-10-30", "February", "1989-02"),
    ("The firm changed its fiscal year in December.", "1989-02-10", "December", "1988-12"),
    # the verb of a sentence opened by a long adverbial still gives the tense
    ("In January, a week after the anniversary of the court's landmark ruling on the matter, a bomb "
     "at a clinic in the south of the state killed a guard.", "1998-10-25", "January", "1998-01"),
    ("The talks will resume in March.", "1989-11-02", "March", "1990-03"),
    ("The company expects sales to recover in March.", "1989-11-02", "March", "1990-03"),
    # an infinitive of intent dates the planned event, which the past verb does not place
    ("The firm agreed to buy the mill for $5 million in February.", "1989-10-30", "February", "1990-02"),
    ("The firm agreed in February to buy the mill.", "1989-10-30", "February", "1989-02"),
    ("The guard was shot to death in January.", "1989-11-02", "January", "1989-01"),
    ("The dividend is payable Jan. 2 to holders of record.", "1989-11-02", "Jan. 2", "1990-01-02"),
    # "could not be reached" reports the past, not a plan
    ("The mayor could not be reached Wednesday.", "2022-01-21", "Wednesday", "2022-01-19"),
    ("The plant will reopen in the near future.", "2022-01-21", "the near future", "FUTURE_REF"),
    ("Troops will stay for the foreseeable future.", "2022-01-21", "the foreseeable future", "FUTURE_REF"),
    ("The levee broke this past spring.", "2022-11-02", "this past spring", "2022-SP"),
    ("Eight trading days later the index recovered.", "2022-11-02", "Eight trading days", "P8D"),
    ("A hearing is set for the week of March 6, lawyers said.", "2000-02-24", "the week of March 6", "2000-W10"),
    ("The board said the dividend is payable Dec. 7.", "1989-10-30", "Dec. 7", "1989-12-07"),
    ("Police have searched for him since shortly after the Oct. 23 killing.", "1999-05-06", "Oct. 23", "1998-10-23"),
    ("The talks were held in March and ended in February this year.", "1999-12-03", "February this year", "1999-02"),
    ("Prices fell in July last year.", "1998-02-19", "July last year", "1997-07"),
    ("Rescued on Nov. 25 by fishermen, the boy is well.", "2000-01-07", "Nov. 25", "1999-11-25"),
    ("He was shot last Oct. 23 at his home.", "1999-04-19", "last Oct. 23", "1998-10-23"),
    # the month just past is "last month": "last February" written in March is a year back
    ("The dam burst last February.", "1998-03-01", "last February", "1997-02"),
    ("The dam burst last February.", "1998-05-02", "last February", "1998-02"),
    ("The dam burst last December.", "1998-01-05", "last December", "1997-12"),
    ("Arafat will visit on March eighth.", "1998-03-05", "March eighth", "1998-03-08"),
    # relative to the article's date
    ("Officials met yesterday.", "2022-01-21", "yesterday", "2022-01-20"),
    ("Ministers met last week in Rome.", "2022-01-21", "last week", "2022-W02"),
    ("The firm will report next week.", "2022-01-21", "next week", "2022-W04"),
    ("Sales rose this year.", "1998-05-02", "this year", "1998"),
    ("Sales fell last year.", "1998-05-02", "last year", "1997"),
    ("Output fell last month.", "1998-01-08", "last month", "1997-12"),
    ("The plant closed two years ago.", "1998-05-02", "two years ago", "1996"),
    ("Inflation is low now.", "1998-05-02", "now", "PRESENT_REF"),
    ("Earnings rose in the third quarter.", "1989-10-27", "the third quarter", "1989-Q3"),
    ("It happened this morning.", "1998-05-02", "this morning", "1998-05-02TMO"),
    # weekdays by tense: past -> previous, future -> next
    ("The envoy said on Tuesday that talks failed.", "2022-01-20", "Tuesday", "2022-01-18"),
    ("The ministers will meet on Friday in Vienna.", "2022-01-20", "Friday", "2022-01-21"),
    ("Talks are expected to begin on Monday.", "2022-01-20", "Monday", "2022-01-24"),
    ("The envoy arrived last Friday.", "2022-01-20", "last Friday", "2022-01-14"),
    ("On Friday, his vacation plans collapsed.", "2022-01-24", "Friday", "2022-01-21"),  # the noun
    ("The union plans a rally on Friday.", "2022-01-24", "Friday", "2022-01-28"),  # the verb
    # "planned" is a plan only as a verb with its object or infinitive; a participle is past
    ("A vigil planned at the campus for Saturday was called off.", "1999-10-24", "Saturday", "1999-10-23"),
    ("Students planned a march on Saturday.", "2000-01-07", "Saturday", "2000-01-08"),
    # a possessive weekday names an event as known, whatever the clause plans about it
    ("Rebels said they would defy Wednesday's ruling.", "2000-01-07", "Wednesday's", "2000-01-05"),
    ("Markets will be quiet ahead of Friday's vote.", "2000-01-05", "Friday's", "2000-01-07"),
    # a present tense of a timetabled event looks ahead
    ("The two leaders meet separately Monday in Oslo.", "2022-01-20", "Monday", "2022-01-24"),
    ("Parliament reconvenes on Tuesday.", "2022-01-20", "Tuesday", "2022-01-25"),
    ("The two leaders met Monday in Oslo.", "2022-01-20", "Monday", "2022-01-17"),
    # "as previously planned": an old plan, which says nothing of the future
    ("Troops let the offensive start as previously planned Saturday night.", "1991-02-25",
     "Saturday night", "1991-02-23TNI"),
    ("Markets were calm over the weekend.", "1990-08-13", "the weekend", "1990-W32-WE"),
    ("Talks will go on over the weekend.", "1990-08-10", "the weekend", "1990-W32-WE"),
    ("The deadline was extended until 9 a.m. Tuesday.", "2000-04-03", "9 a.m. Tuesday", "2000-04-04T09:00"),
    # "of tomorrow" after a noun is an age, not a day; "the early hours of" a day is part of that day
    ("Deliver it by the end of tomorrow.", "1989-11-02", "tomorrow", "1989-11-03"),
    ("Troops took prisoners in the first hours of the war.", "1991-02-25", "the first hours", "PTXH"),
    # "that same day" after a month named later than any day: a day of that month, not known
    ("The site went offline on Thursday. A doctor was shot last October, and his name was struck "
     "from the site that same day.", "1999-02-06", "that same day", "1998-10-XX"),
    # a week counted from an event is not dated; the week a report covers is
    ("Redemptions doubled in the week following the crash.", "1989-10-27", "the week", "1989-WXX"),
    ("For the week, the index fell 3%.", "1989-10-27", "the week", "1989-W43"),
    # anchored on the date mentioned before
    ("The deal was signed in March. The following month, prices fell.", "1989-10-27", "The following month", "1989-04"),
    ("Unrest began in 1988. That year, prices doubled.", "1989-10-27", "That year", "1988"),
    # times
    ("Talks will begin at 3 p.m. on Friday.", "2022-01-20", "3 p.m.", "2022-01-21T15:00"),
    ("The ultimatum expired at noon Saturday.", "1991-02-25", "noon Saturday", "1991-02-23T12:00"),
    ("The blast came at 4 in the morning on Thursday.", "2000-04-05", "4 in the morning", "2000-03-30T04:00"),
    ("Trading slowed in the late afternoon.", "2000-04-05", "late afternoon", "2000-04-05TAF"),
    # earnings news: quarters
    ("Sales rose 5% in the quarter ended Sept. 30, from a year earlier.", "1989-10-26", "the quarter", "1989-Q3"),
    ("Sales rose 5% in the quarter ended Sept. 30, from a year earlier.", "1989-10-26", "a year earlier", "1988-Q3"),
    # a quarter ended mid-quarter is the calendar quarter holding most of its three months
    ("Sales rose in the quarter ended July 31.", "1989-10-30", "the quarter", "1989-Q2"),
    ("Sales rose in the quarter ended Jan. 31, 1990.", "1990-03-01", "the quarter", "1989-Q4"),
    # a period that "ended" on a day is over: that day is not after the article
    ("Sales rose in the quarter ended Oct. 31.", "1989-10-27", "Oct. 31", "1988-10-31"),
    ("Sales rose in the quarter ended Oct. 31.", "1989-10-27", "the quarter", "1988-Q3"),
    ("In the second quarter ended Oct. 31, it lost $2.", "1989-10-27", "the second quarter", "1988-Q2"),
    ("Sales rose in the quarter ended Sept. 30.", "1989-10-27", "Sept. 30", "1989-09-30"),
    ("Profit rose in the current quarter.", "1989-11-02", "the current quarter", "1989-Q4"),
    ("Losses will go on through the first two quarters of 1990.", "1989-10-26", "the first two quarters of 1990", "1990-H1"),
    ("In the 1988 third quarter, it lost money.", "1989-10-26", "the 1988 third quarter", "1988-Q3"),
    ("Net rose in the third quarter. In the year-earlier third quarter, it lost $2.", "1989-10-26",
     "the year-earlier third quarter", "1988-Q3"),
    ("AT&T said profit dropped in the fourth quarter.", "1998-01-26", "the fourth quarter", "1997-Q4"),
    # the comparisons stay with the latest quarter reported, not a quarter looked back on
    ("Net rose in the third quarter. After a weak second quarter, sales grew from a year ago.",
     "1989-11-01", "a year ago", "1988-Q3"),
    ("Net rose in the third quarter. For the quarter a year ago, it earned $5.", "1989-10-26",
     "the quarter a year ago", "1988-Q3"),
    ("Net rose in the third quarter, against $2 in the corresponding period last year.", "1989-10-26",
     "the corresponding period last year", "1988-Q3"),
    # a fiscal quarter keeps its number through "the quarter ended ...", until another is named
    ("Sun earned $5 in the fiscal first quarter. Sales for the quarter ended Sept. 29 rose. "
     "It shipped 9,000 systems in the latest quarter.", "1989-10-26", "the latest quarter", "1989-Q1"),
    ("Delta earned $5 in the fiscal first quarter. Separately, Acme reported third-quarter profit "
     "rose from a year earlier.", "1989-10-26", "a year earlier", "1988-Q3"),
    # a quarter not yet over on the calendar but reported as done is a fiscal one, and leads
    ("Acme reported a drop in fourth-quarter earnings. It earned $4, against $8 a year earlier.",
     "1989-11-02", "a year earlier", "1988-Q4"),
    ("The impact on fourth-quarter results is unknown. Net rose in the third quarter from a year earlier.",
     "1989-10-30", "a year earlier", "1988-Q3"),
    ("Earnings for its fourth quarter ended Sept. 30 fell below the year-earlier $4 million.",
     "1989-11-02", "the year-earlier", "1988-Q4"),
    # the end of a year is its last day; "since year-end" is the one passed
    ("The company expects to close the deal by year-end.", "1989-11-02", "by year-end", "1989-12-31"),
    ("The index has risen 5% since year-end.", "1989-10-30", "year-end", "1988-12-31"),
    ("The sale should close around year-end.", "1989-10-30", "around year-end", "1989-12"),  # no day
    ("Net fell in the third quarter. Sales for last year's quarter were $3 million.", "1989-11-01",
     "last year's quarter", "1988-Q3"),
    ("Net fell in the third quarter. This quarter's loss includes charges.", "1989-11-01",
     "This quarter", "1989-Q3"),
    ("It expects sales in the current fiscal year to rise.", "1989-11-02", "the current fiscal year", "1989"),
    ("Holders may buy shares at the then current price.", "1989-10-26", "then current", "PAST_REF"),
    ("The day before last Tuesday's hearing, he went home.", "2000-02-24",
     "The day before last Tuesday's", "2000-02-21"),
    ("Sales fell last fiscal year.", "1989-11-02", "last fiscal year", "1988"),
    # a year-to-date figure compares with last year, not with a quarter
    ("Net rose in the third quarter. For the nine months, net was $9, up from $7 a year earlier.",
     "1989-10-26", "a year earlier", "1988"),
    ("Net rose in the third quarter. In the first nine months, net was $9, against $7 in the 1988 period.",
     "1989-10-26", "the 1988 period", "1988"),
    ("For the year, volume was flat.", "1989-11-02", "the year", "1989"),
    ("Revenue was $76 million for the year ended March 31.", "1989-11-01", "the year", "P1Y"),
    ("It expects a loss for the year ending tomorrow.", "1989-10-30", "the year", "P1Y"),
    ("Net for the year-earlier nine months included a gain.", "1989-10-26", "the year-earlier nine months", "P9M"),
    # durations and sets
    ("The strike lasted three days.", "2022-01-20", "three days", "P3D"),
    ("The talks took 90 minutes.", "2022-01-20", "90 minutes", "PT90M"),
    ("They sold two-year notes.", "2022-01-20", "two-year", "P2Y"),
    ("Reports are filed daily.", "2022-01-20", "daily", "P1D"),
    ("The show airs Tuesday nights.", "1998-02-13", "Tuesday nights", "XXXX-WXX-2TNI"),
    ("Ferries leave on Monday and Tuesday nights.", "1998-02-13", "Monday", "XXXX-WXX-1TNI"),
    ("The market opens on Wednesday and Saturdays.", "1998-02-13", "Wednesday", "XXXX-WXX-3"),
    ("The envoys met on Monday and Tuesday.", "1998-02-13", "Monday", "1998-02-09"),
    ("The river floods each July.", "1998-02-13", "each July", "XXXX-07"),
    ("Sales peak in the second and fourth quarters.", "1989-10-26", "fourth quarters", "XXXX-Q4"),
    ("The siege lasted 2 1/2 years.", "2022-01-20", "2 1/2 years", "P2Y6M"),
    ("The flight took an hour and a half.", "2022-01-20", "an hour and a half", "PT1H30M"),
    ("Prices rose for almost two decades.", "2022-01-20", "almost two decades", "P20Y"),
    # "the past decade" is the ten years up to now; "last century" is the one before this
    ("Threats became routine over the past decade.", "1998-10-25", "the past decade", "P10Y"),
    ("It was a great event of the past century.", "1989-11-01", "the past century", "P100Y"),
    ("The bridge was built in the last century.", "1989-11-01", "last century", "18"),
    ("The troops left a month after the vote.", "2022-01-20", "a month", "P1M"),
    ("Rescuers arrived an hour later.", "2022-01-20", "an hour", "PT1H"),
    ("Lawyers left their third day-long meeting.", "2022-01-20", "day-long", "P1D"),
    ("The decades-long feud ended.", "2022-01-20", "decades-long", "PXDE"),
    ("Costs have risen over the years.", "2022-01-20", "years", "PXY"),
    ("Most were captured in the first hours of the war.", "2022-01-20", "the first hours", "PTXH"),
    ("The loan may be extended for an additional year.", "2022-01-20", "an additional year", "P1Y"),
    ("It made money after several quarters of losses.", "1989-10-30", "several quarters", "PXQ"),
    ("Prices have risen in recent months.", "2022-01-20", "recent months", "PXM"),
    ("Prices will rise in coming weeks.", "2022-01-20", "coming weeks", "PXW"),
    ("Sales will slow in the months ahead.", "2022-01-20", "the months ahead", "PXM"),
    ("Rates will stay low in the near term.", "2022-01-20", "the near term", "FUTURE_REF"),
    ("The mill expects to reopen soon, its owner said.", "2022-01-20", "soon", "FUTURE_REF"),
    ("The town may one day host the games.", "2022-01-20", "one day", "FUTURE_REF"),  # some day
    ("The strike lasted one day.", "2022-01-20", "one day", "P1D"),
    # years in words, holidays
    ("In nineteen ninety-six the talks began.", "1998-03-03", "nineteen ninety-six", "1996"),
    ("Unemployment is to be halved by the year two thousand.", "1998-03-03", "the year two thousand", "2000"),
    ("It fell in January nineteen ninety-seven.", "1998-03-03", "January nineteen ninety-seven", "1997-01"),
    ("They met in the winter of nineteen ninety-four.", "1998-03-03", "the winter of nineteen ninety-four", "1994-WI"),
    ("Elian was rescued on Thanksgiving Day.", "2000-01-07", "Thanksgiving Day", "1999-11-25"),
    ("Pilgrims came for Easter 2000.", "2000-01-07", "Easter 2000", "2000-04-23"),
    ("Crowds prayed as Easter week began.", "2000-04-17", "Easter week", "2000-W16"),
    ("It is not over, as it was last Christmas.", "2000-01-07", "last Christmas", "1999-12-25"),
    ("It was a boom of the nineties.", "2000-01-07", "the nineties", "199"),
    ("Joblessness will fall by the mid-1990s.", "1989-10-26", "the mid-1990s", "199"),
    # other languages' datelines
    ("MADRID, 21 ene 2022 (agencia).", None, "21 ene 2022", "2022-01-21"),
    ("Genf, 21. Januar 2022. Die Gespräche", None, "21. Januar 2022", "2022-01-21"),
    ("Berlin, 21. August 2022. Die Gespräche", None, "21. August 2022", "2022-08-21"),
    ("Genève, le 21 janvier 2022, les ministres", None, "21 janvier 2022", "2022-01-21"),
    ("ЖЕНЕВА, 21 января 2022 г. Министры", None, "21 января 2022 г.", "2022-01-21"),
    ("Ginebra, 21 de enero de 2022. Los ministros", None, "21 de enero de 2022", "2022-01-21"),
])
def test_values(text, dct, expr, expected):
    got = values(text, dct)
    assert expr in got, f"{expr!r} not found in {sorted(got)}"
    assert got[expr][1] == expected


@pytest.mark.parametrize("text,dct,expr,expected", [
    ("On January 12, the council met in Brussels, and a second meeting was held the following day.",
     "2022-01-21", "the following day", "2022-01-13"),
    ("On January 19, the visit was announced. A day earlier, the ministers spoke by phone.",
     "2022-01-21", "A day earlier", "2022-01-18"),
    ("On March 3, the board met. The same day, the chief quit.", "2022-04-01", "The same day", "2022-03-03"),
    # a weekday relative to the date just mentioned, not to the article's date
    ("Shares closed lower on Friday, down 3% from the previous Friday.", "2022-04-13",
     "the previous Friday", "2022-04-01"),
    ("The envoys met on March 3. They spoke again the following Monday.", "2022-04-20",
     "the following Monday", "2022-03-07"),
    # "that quarter": the quarter named last, not the one being reported
    ("Net rose in the third quarter. In the second quarter of 1988 it lost $2; results for that "
     "quarter included a charge.", "1989-10-27", "that quarter", "1988-Q2"),
    # "the day before last Tuesday's hearing": counted from the weekday named, which then leads
    ("The day before last Tuesday's hearing, he went home. He was in court the next morning.",
     "2000-02-24", "the next morning", "2000-02-22"),
    # in apposition to the date just named, "the day before" an event is that date
    ("Shares fell after Oct. 12, the day before the crash, and rose later.", "1989-10-30",
     "the day before", "1989-10-12"),
    ("The talks opened on Oct. 12. The envoys had arrived the day before.", "1989-10-30",
     "the day before", "1989-10-11"),
])
def test_previous_anchor(text, dct, expr, expected):
    got = values(text, dct)
    assert got[expr][1:] == (expected, "previous")


@pytest.mark.parametrize("text", [
    "We may see rain.",                    # "may" the verb
    "They march on the capital.",          # "march" the verb
    "He scored 1,998 points.",             # a number, not a year
    "The 6-year-old boy was found.",       # an age
    "She paid $2000 for it.",              # money
    "The score was 3-2 at the break.",
    "The quarter-to-quarter comparison was flat.",  # a kind of comparison, no quarter
    "Joblessness is near a quarter-century low.",  # 25 years
    "Funds hold more than a quarter of the bonds.",  # a fraction
    'The senator said on NBC\'s "This Week" that he would vote no.',  # titles of shows and films
    "The mayor told CBS's ``60 Minutes'' he would stay.",
    "The rebels watched ``High Noon'' again.",
    "This is VOA Today.",
    "Thousands joined the annual March for Life.",  # an event named after a march
    "The song speaks to today's youth.",  # our times, not the article's day
    "I would pick the people of tomorrow.",  # an age, not the day after the article
    "The ferry will sail as soon as the storm ends.",  # a conjunction, not a time
    "The guard was soon released.",        # shortly after a past event, not the future
    "He left soon after the vote.",
])
def test_no_false_dates(text):
    assert tag(text, "2022-01-20") == []


def test_early_hours_of_a_day_are_part_of_that_day():
    got = values("Police struck in the early hours of Thursday morning.", "1999-10-08")
    assert "the early hours" not in got and got["Thursday morning"][1] == "1999-10-07TMO"


@pytest.mark.parametrize("text,expected", [
    ("The summit is on April 24 and 25.", {"April 24": "1999-04-24", "25": "1999-04-25"}),
    ("Talks are set for May 3 and 4 in Oslo.", {"May 3": "1999-05-03", "4": "1999-05-04"}),
    ("Talks are set for May 3 and 4 Oslo time.", {"May 3": "1999-05-03", "4": "1999-05-04"}),
    ("Shops shut on April 24 and 25 stores stayed shut.", {"April 24": "1998-04-24"}),  # a count
])
def test_second_day_of_a_month(text, expected):
    assert {k: v[1] for k, v in values(text, "1999-02-10").items()} == expected


def test_the_past_before_a_count_is_not_a_reference_to_the_past():
    # "the past three summers" is a stretch of three summers, not the vague past
    assert "the past" not in values("Riots broke out for the past three summers.", "1998-03-22")
    assert values("In the past, prices rose.", "1998-03-22")["In the past"][1] == "PAST_REF"


def test_year_earlier_quarter_is_one_expression():
    text = "Net rose in the third quarter. In the year-ago third quarter, it lost $2, against $3 a year ago."
    got = values(text, "1989-10-26")
    assert got["the year-ago third quarter"][1] == "1988-Q3"
    assert "third quarter" not in got  # no second, overlapping expression
    assert got["a year ago"][1] == "1988-Q3"  # the reported quarter is still this year's third


def test_without_document_date_relative_values_have_a_reason():
    text = "The ministers met on Friday; the pact dates from December 17, 2021."
    got = {text[t.start:t.end]: t for t in tag(text, None)}
    assert got["Friday"].value is None and got["Friday"].reason
    assert got["December 17, 2021"].value == "2021-12-17"
    assert got["December 17, 2021"].anchor == "absolute"


def test_offsets_point_into_the_text():
    text = "On Monday, March 2, 2020, at 10:30 a.m. the court sat for five hours."
    for t in tag(text, "2020-03-05"):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == text[t.start:t.end].strip()


def test_this_weekday_follows_tense():
    dct = "2022-01-20"  # a Thursday
    assert values("He met them this Tuesday.", dct)["this Tuesday"][1] == "2022-01-18"
    assert values("He will meet them this Saturday.", dct)["this Saturday"][1] == "2022-01-22"


def test_time_words_in_quotes_and_titles_that_are_dates():
    dct = "2000-01-07"
    assert values('He said: "Today we begin."', dct)["Today"][1] == "2000-01-07"
    assert values('He said: "This week we begin."', dct)["This week"][1] == "2000-W01"
    assert values("The treaty will be signed in March for the first time.", dct)["March"][1] == "2000-03"
    assert values("Today's talks failed.", dct)["Today"][1] == "2000-01-07"


def test_deadline_moved_past_a_clock_time_is_ahead():
    got = values("INS extended its deadline until 9 a.m. EST Tuesday.", "2000-04-03")  # a Monday
    assert got["9 a.m. EST Tuesday"][1] == "2000-04-04T09:00"


def test_present_perfect_reads_as_past():
    # "have come down from the middle of October", said in February: last October
    got = values("Oil prices have come down from the middle of October.", "1998-02-23")
    assert got["October"][1] == "1997-10"


def test_tense_and_weekday_helpers():
    text = "The talks will be held on Friday."
    assert tense_at(text, (0, len(text)), text.index("Friday"), text.index("Friday") + 6) == "future"
    text = "The envoy said on Friday."
    assert tense_at(text, (0, len(text)), text.index("Friday"), text.index("Friday") + 6) == "past"
    assert weekday_of("2021-12-21") == "Tuesday"
    assert weekday_of("2021-12") is None


def test_stage_fills_timexes():
    a = Article(id="x", text="Ministers met yesterday.", published="2022-01-21")
    out = TimexStage()(a)
    assert [(t.type, t.value) for t in out.timexes] == [("DATE", "2022-01-20")]


def _seed(prefix):
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip(f"seed articles not found at {folder}")
    path = next(folder.glob(prefix + "_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} not found in {folder}")
    return path.read_text(encoding="utf-8")


def _marker_date(text):
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})", text)
    return m.group(1) if m else None


def _find(text, dct, expr, nth=0):
    hits = [t for t in tag(text, dct) if text[t.start:t.end] == expr]
    assert len(hits) > nth, f"{expr!r} not tagged"
    return hits[nth]


def test_seed_upcoming_friday():
    text = _seed("001")
    dct = _marker_date(text)
    assert dct == "2022-01-20"
    fridays = [t for t in tag(text, dct) if text[t.start:t.end] == "Friday"]
    assert fridays and all(t.value == "2022-01-21" for t in fridays)
    assert _find(text, dct, "A day earlier").value == "2022-01-18"


def test_seed_last_week_and_following_day():
    text = _seed("002")
    dct = "2022-01-21"  # from the dateline "January 21"
    assert _find(text, dct, "last week").value == "2022-W02"
    assert _find(text, dct, "the following day").value == "2022-01-13"


def test_seed_spanish_dateline():
    text = _seed("004")
    t = _find(text, None, "21 ene 2022")
    assert t.value == "2022-01-21" and t.anchor == "absolute"


def test_unreadable_document_date_is_named_in_the_reason():
    t = tag("Officials met on Friday.", "last Tuesday")
    assert t[0].value is None and "last Tuesday" in t[0].reason


def test_document_date_with_a_time_part():
    assert tag("Officials met yesterday.", "2022-01-21T10:00:00")[0].value == "2022-01-20"


def test_offsets_survive_text_whose_lowercase_is_longer():
    # "İ".lower() is two characters: the tagger must still point at the right span
    text = "İstanbul officials met on March 3, 2022."
    t = tag(text, "2022-03-10")
    assert [text[x.start:x.end] for x in t] == ["March 3, 2022"]


@pytest.mark.parametrize("text", [
    "See page 2000 of the report.",
    "Nearly 1990 people signed.",
    "In 2000 people marched.",
])
def test_counts_are_not_years(text):
    assert [t for t in tag(text, "1999-05-01") if t.value in ("2000", "1990")] == []


def test_rate_per_year_is_a_set_but_a_bare_a_year_is_not():
    got = values("Prices rose 5% a year.", "1999-05-01")
    assert got["a year"][:2] == ("SET", "P1Y")
    assert "a year" not in {k for k, v in values("He left a year ago.", "1999-05-01").items() if v[0] == "SET"}


def test_words_that_are_not_dates():
    assert "two thousand" not in values("Some two thousand troops came.", "1998-03-03")
    assert [t for t in tag("You may go. He will march on.", "1998-03-03")] == []


def test_a_future_tense_about_a_date_just_past_keeps_the_near_date():
    # a slip to flag (compare.timecheck), not a date eleven months away
    got = values("The talks will be held in Geneva on Friday, December 21.", "2022-01-20")
    assert got["Friday, December 21"][1] == "2021-12-21"


def test_sentences_do_not_end_at_titles_initials_or_clock_times():
    from parallax.analyze.timex import _sentences
    text = 'So Mr. Baker met John F. Kennedy at 5 p.m. Friday. Then he left.\nNext line.'
    assert [text[a:b].strip() for a, b in _sentences(text)] == [
        "So Mr. Baker met John F. Kennedy at 5 p.m. Friday.", "Then he left.", "Next line."]


def test_trie_pattern_matches_exactly_its_words():
    from parallax.analyze.timex_trie import trie_pattern
    words = ["day", "days", "date", "a.m", "new year's"]
    rx = re.compile(trie_pattern(words))
    assert all(rx.fullmatch(w) for w in words)
    assert not any(rx.fullmatch(w) for w in ["da", "dates", "am", "new year"])


def test_before_a_clause_is_a_conjunction_not_the_day_before():
    # "for most of the day before it was put out": the fire was fought that day, not the day before
    text = ("A fire broke out at the port on Wednesday afternoon, and crews fought it for most of "
            "the day before it was put out in the evening.")
    assert "2025-03-11" not in [v for _, v, _ in values(text, "2025-03-12").values()]
    # a day before a named date or standing alone still counts back
    found = values("The talks were held on Wednesday. The day before, the ministers spoke by phone.", "2025-03-12")
    assert found["The day before"][1] == "2025-03-11"
