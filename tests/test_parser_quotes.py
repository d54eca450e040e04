"""Quotations and their speakers, on small invented sentences."""

from articles.importer.model import QuoteFound
from articles.importer.names import NameIndex
from articles.importer.quotes import find_quotes, quote_spans


def quotes_of(*texts: str) -> list[QuoteFound]:
    return find_quotes(list(texts), NameIndex.build(list(texts)))


def only(*texts: str) -> QuoteFound:
    found = quotes_of(*texts)
    assert len(found) == 1, found
    return found[0]


def test_straight_double_quotes_give_the_text_without_the_trailing_comma():
    quote = only('"The road is open," Test Speaker said.')
    assert quote == QuoteFound("The road is open", "Test Speaker", None)


def test_curly_double_quotes_give_the_text_without_the_trailing_full_stop():
    quote = only("Test Speaker said: “The bridge in Example Town is finished.”")
    assert quote == QuoteFound("The bridge in Example Town is finished", "Test Speaker", None)


def test_curly_single_quotes_are_quote_marks_too():
    quote = only("Test Speaker says the crew will ‘finish the road before spring’.")
    assert quote.text == "finish the road before spring"
    assert quote.speaker == "Test Speaker"


def test_apostrophes_are_not_quote_marks():
    assert quote_spans("Artsakh's roads and Shusha’s bridge; don't and won’t stop.") == []
    assert quotes_of("Artsakh's roads and Shusha’s bridge; don't and won’t stop.") == []


def test_an_apostrophe_inside_a_curly_single_quotation_does_not_close_it():
    quote = only("Test Speaker said the crew will ‘fix Shusha’s old bridge’ soon.")
    assert quote.text == "fix Shusha’s old bridge"


def test_quote_attributed_after_the_quote_takes_the_name_and_role():
    quote = only('"We start at dawn," 41-year-old foreman Sample Worker told example.org.')
    assert quote == QuoteFound("We start at dawn", "Sample Worker", "41-year-old foreman")


def test_quote_attributed_after_with_the_verb_first_takes_the_appositive_as_role():
    quote = only('"Please drive slowly," said Father Example, a volunteer in Example Town.')
    assert quote == QuoteFound("Please drive slowly", "Father Example", "volunteer")


def test_quote_attributed_before_with_said_that_takes_the_subject():
    quote = only('Test Speaker said that "the road to Lachin is open again" on Monday.')
    assert quote == QuoteFound("the road to Lachin is open again", "Test Speaker", None)


def test_a_body_is_the_speaker_without_its_leading_article():
    quote = only(
        'In a statement, the Ministry of Roads in Example Town said that "the works are over".'
    )
    assert quote == QuoteFound("the works are over", "Ministry of Roads in Example Town", None)


def test_the_speech_verb_may_stand_well_before_the_quote_in_its_sentence():
    quote = only(
        "In Example Town, a village near Lachin, engineer Sample Person said he was glad "
        'to see the place where his "children learned to ride bicycles".'
    )
    assert quote == QuoteFound("children learned to ride bicycles", "Sample Person", "engineer")


def test_a_title_before_the_name_is_the_description():
    quote = only("Example Mayor Tester says the town will ‘plant new trees’.")
    assert quote.speaker == "Tester"
    assert quote.speaker_description == "Example Mayor"
    quote = only('President Sample said "the meeting was useful and calm".')
    assert (quote.speaker, quote.speaker_description) == ("Sample", "President")


def test_the_speaker_gets_the_fullest_form_of_the_name_in_the_document():
    quote = only(
        "Engineer work began when Tigran Example arrived in Lachin.",
        '"The pipes are new," Example said.',
    )
    assert quote.speaker == "Tigran Example"


def test_a_description_given_elsewhere_in_the_document_is_used():
    found = quotes_of(
        '"We begin today," said engineer Sample Person.',
        '"We finish tomorrow," Person added.',
    )
    assert [(q.speaker, q.speaker_description) for q in found] == [
        ("Sample Person", "engineer"),
        ("Sample Person", "engineer"),
    ]


def test_an_appositive_before_the_verb_is_the_description():
    quote = only('Sample Person, a retired teacher, said "the school will reopen in spring".')
    assert (quote.speaker, quote.speaker_description) == ("Sample Person", "retired teacher")


def test_a_pronoun_speaker_is_the_previous_speaker():
    found = quotes_of('"It is quiet now," said Test Speaker. "We hope it stays quiet," he added.')
    assert [q.speaker for q in found] == ["Test Speaker", "Test Speaker"]


def test_an_unnamed_speaker_is_null_with_the_role_as_description():
    quote = only('"The water is back," a resident said.')
    assert quote == QuoteFound("The water is back", None, "resident")


def test_a_long_quotation_without_attribution_has_no_speaker():
    quote = only('The sign read "road closed until further notice" for a week.')
    assert quote == QuoteFound("road closed until further notice", None, None)


def test_a_scare_quoted_term_is_not_a_quotation():
    assert quotes_of('The so-called "buffer zone" was discussed.') == []


def test_a_second_quotation_in_the_same_sentence_shares_the_speaker():
    found = quotes_of('Test Speaker said the road was "long and cold" and "far too steep".')
    assert [(q.text, q.speaker) for q in found] == [
        ("long and cold", "Test Speaker"),
        ("far too steep", "Test Speaker"),
    ]


def test_the_same_quotation_twice_is_listed_once():
    found = quotes_of('Test Speaker: "The road is open"', 'Test Speaker said: "The road is open."')
    assert found == [QuoteFound("The road is open", "Test Speaker", None)]


def test_according_to_names_the_speaker_after_it():
    quote = only('According to the Example Roads Agency, "the convoy crossed without incident".')
    assert quote.speaker == "Example Roads Agency"


def test_a_quotation_that_follows_in_its_own_sentence_keeps_the_speaker():
    found = quotes_of('"We are not leaving," Sample Person said. "This is our home."')
    assert [q.speaker for q in found] == ["Sample Person", "Sample Person"]


def test_a_long_role_phrase_between_the_quote_and_the_name_is_the_description():
    quote = only(
        '"All is fine," the spokesman for the Example Roads Office, Sample Official, said.'
    )
    assert quote.speaker == "Sample Official"
    assert quote.speaker_description == "spokesman for the Example Roads Office"


def test_a_role_appositive_between_the_name_and_the_verb_is_the_description():
    quote = only(
        'Test Speaker, the head of the local council, told example.org that "the school '
        'will reopen on Monday".'
    )
    assert (quote.speaker, quote.speaker_description) == (
        "Test Speaker",
        "head of the local council",
    )


def test_people_named_by_a_common_noun_are_no_speaker():
    found = quotes_of(
        '"It is cold," Residents in Example Town said.', 'Officials said "the road is safe now".'
    )
    assert [(q.speaker, q.speaker_description) for q in found] == [
        (None, "Residents in Example Town"),
        (None, "Officials"),
    ]


def test_a_place_before_a_comma_is_not_the_speaker():
    quote = only('In Shusha, residents said "the water came back this morning".')
    assert (quote.speaker, quote.speaker_description) == (None, "residents")
