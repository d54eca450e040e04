"""Who said it, on the ways news writing attributes (issue 18), one class at a time.

The sentences are our own and the people in them invented; the places are real.
"""

import datetime

import pytest

from articles.importer.parser import extract
from articles.importer.photos import split_photo_block
from articles.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_csv()


def capture(*paragraphs: str, headline: str = "Synthetic test headline") -> str:
    stamp = "05:05  25 november  2020"
    body = "\n\n".join(paragraphs)
    return f"World {headline}\n\n{stamp}\n{stamp} Source:   wire.example\n\n{body}\n"


def said(gazetteer, *paragraphs: str, **kwargs) -> list[tuple]:
    found = extract(capture(*paragraphs, **kwargs), gazetteer)
    return [(q.text, q.speaker, q.speaker_description) for q in found.quotes]


# 1. Credits ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "credit", "captions"),
    [
        (
            "Un convoi près de Lachin. © Anna Petrova, Meridian Images A convoy near Lachin.",
            "Anna Petrova, Meridian Images",
            {"fr": "Un convoi près de Lachin.", "en": "A convoy near Lachin."},
        ),
        (
            "© Ilkin Testov, Caucasus Post Azerbaijani trucks on the road to Lachin.",
            "Ilkin Testov, Caucasus Post",
            {"en": "Azerbaijani trucks on the road to Lachin."},
        ),
        (
            "© Reporta Residents of the district pack their cars.",
            "Reporta",
            {"en": "Residents of the district pack their cars."},
        ),
        ("A road crew at work. © OC Pictures", "OC Pictures", {"en": "A road crew at work."}),
        (
            "© Harbour Photo Agency A woman carries bread in Lachin.",
            "Harbour Photo Agency",
            {"en": "A woman carries bread in Lachin."},
        ),
        (
            "© Lena Testova/NewsLens The monastery at Dadivank.",
            "Lena Testova/NewsLens",
            {"en": "The monastery at Dadivank."},
        ),
    ],
)
def test_a_credit_ends_where_the_agency_name_ends(block, credit, captions):
    [photo] = split_photo_block(block)
    assert (photo.credit, photo.captions) == (credit, captions)


# 2. Speakers named earlier ------------------------------------------------------


def test_a_pronoun_is_the_person_named_in_the_sentence_before(gazetteer):
    assert said(
        gazetteer, 'Leyla Testova, 64, sat by the road. "We waited twenty years," she said.'
    ) == [("We waited twenty years", "Leyla Testova", "64")]


def test_a_role_reference_is_the_nearest_person_with_that_role(gazetteer):
    assert said(
        gazetteer,
        "Governor Arman Testyan visited the camp on Monday.",
        'The governor added: "We will rebuild every house in this valley."',
    ) == [("We will rebuild every house in this valley", "Arman Testyan", "Governor")]


def test_a_paragraph_that_is_only_a_quote_goes_on_with_the_last_speaker(gazetteer):
    assert said(
        gazetteer,
        '"We have lost everything we had," said Ruben Testyan, a farmer.',
        '"Nobody asked us what we wanted when the deal was signed."',
    ) == [
        ("We have lost everything we had", "Ruben Testyan", "farmer"),
        ("Nobody asked us what we wanted when the deal was signed", "Ruben Testyan", "farmer"),
    ]


def test_a_speaker_named_in_the_next_sentence(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        '"The road will reopen in spring." Ani Testyan, the regional engineer, said so on Monday.',
    )
    assert speaker == "Ani Testyan"


def test_nobody_fits_so_the_speaker_stays_empty(gazetteer):
    [(text, speaker, _)] = said(
        gazetteer, 'In Hadrut, the farmer said: "The harvest was lost this year to the frost."'
    )
    assert (text, speaker) == ("The harvest was lost this year to the frost", None)


# 3. Never a wrong entity -----------------------------------------------------------


def test_an_outlet_that_was_told_is_not_the_speaker(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        'The official told the Caucasus Post correspondent: "We have no comment on this today."',
    )
    assert speaker is None


def test_a_country_in_a_possessive_is_not_the_speaker(gazetteer):
    [(_, speaker, description)] = said(
        gazetteer,
        'Armenia\'s Foreign Minister Ararat Testyan said "the talks will go on next week."',
    )
    assert (speaker, description) == ("Ararat Testyan", "Armenia's Foreign Minister")


def test_a_quote_framed_as_someone_elses_claim_is_theirs(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        "Karen Testyan spoke on Monday.",
        'Karen Testyan said, after Testov\'s claim that "the valley is ours forever", that '
        "the talks must go on.",
    )
    assert speaker == "Testov"


# 4. Long titles ------------------------------------------------------------------------


def test_a_long_title_before_the_name_is_the_description(gazetteer):
    assert said(
        gazetteer,
        "Spokesperson of the Ministry of Foreign Affairs of Armenia Ani Testyan said "
        '"the statement is unacceptable and will be answered."',
    ) == [
        (
            "the statement is unacceptable and will be answered",
            "Ani Testyan",
            "Spokesperson of the Ministry of Foreign Affairs of Armenia",
        )
    ]


# 5. Unusual frames -------------------------------------------------------------------------


def test_a_colon_after_a_verb_that_is_not_of_speech(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        'Ruben, who lost his farm, described it: "It was a whole life of work and now it is gone."',
    )
    assert speaker == "Ruben"


def test_two_verbs_sharing_one_subject(gazetteer):
    assert said(
        gazetteer,
        "Mayor Sona Testyan opened the new school on Friday.",
        'The mayor met residents and insisted that "the school will open on time in September."',
    ) == [("the school will open on time in September", "Sona Testyan", "Mayor")]


def test_an_attribution_in_the_middle_makes_one_quote_of_the_words_spoken(gazetteer):
    # The comma before the interruption belongs to the attribution, not to the speaker.
    assert said(
        gazetteer, 'Anna Testova waited. "We will stay," she said, "until they force us."'
    ) == [("We will stay until they force us", "Anna Testova", None)]


# 6. Quotes that were missed ---------------------------------------------------------------


def test_a_space_before_the_closing_mark(gazetteer):
    [(text, speaker, _)] = said(
        gazetteer, 'Gor Testyan looked away. "We left everything behind, " he said.'
    )
    assert (text, speaker) == ("We left everything behind", "Gor Testyan")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            'Minister Tigran Testyan described the move as "a humanitarian catastrophe".',
            ("a humanitarian catastrophe", "Tigran Testyan", "Minister"),
        ),
        (
            'Villager Sona Testyan called it "a betrayal".',
            ("a betrayal", "Sona Testyan", "Villager"),
        ),
    ],
)
def test_a_short_attributed_fragment_is_a_quote(gazetteer, sentence, expected):
    assert said(gazetteer, sentence) == [expected]


# 7. Not quotes ----------------------------------------------------------------------------


def test_quote_marks_in_titles_and_scare_quotes_are_not_quotes(gazetteer):
    assert (
        said(
            gazetteer,
            "Goris: 'We have nowhere to go'",
            'Officials closed the so-called "buffer zone" on Friday and reopened it later.',
            headline="Lachin: 'The last night in our house'",
        )
        == []
    )


# 8. Dates in lists -------------------------------------------------------------------------


def test_a_list_of_days_gives_every_date(gazetteer):
    found = extract(capture("Talks were held on 4, 8, 11 and 17 October in Moscow."), gazetteer)
    assert found.dates_mentioned == [datetime.date(2020, 10, day) for day in (4, 8, 11, 17)]


# 9. Names split wrongly ---------------------------------------------------------------------


def test_a_body_with_a_possessive_is_one_speaker(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer, 'The Prosecutor General\'s Office said "the inquiry is still going on."'
    )
    assert speaker == "Prosecutor General's Office"


def test_the_pronoun_i_is_no_place(gazetteer):
    found = extract(capture("I ran out of the house when the shelling began."), gazetteer)
    assert found.places_mentioned == []


# 10. Language --------------------------------------------------------------------------------


def test_the_article_language_is_detected_and_captions_keep_theirs(gazetteer):
    found = extract(
        capture(
            "Les habitants du district de Kalbajar ont quitté leurs maisons avant la remise.",
            "Dans le Kalbajar, une maison brûle. © Test Photographe, AFP In the Kalbajar, a "
            "house burns.",
        ),
        gazetteer,
    )
    assert found.language == "fr"
    assert set(found.photos[0].captions) == {"fr", "en"}


# French ----------------------------------------------------------------------------------------


def test_french_guillemets_and_an_inverted_verb(gazetteer):
    assert said(
        gazetteer,
        "La commissaire Claire Testel a ouvert l'exposition mardi.",
        "« Chaque tapis raconte une famille », explique-t-elle devant une vitrine.",
    ) == [("Chaque tapis raconte une famille", "Claire Testel", "commissaire")]


def test_a_french_body_is_named_from_its_first_word(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        "L'Association des vignerons de Telavi a indiqué que « la récolte sera plus petite ».",
    )
    assert speaker == "Association des vignerons de Telavi"


# Dates ahead and behind -------------------------------------------------------------------------


def test_a_day_without_a_year_is_the_last_one_unless_near_or_awaited(gazetteer):
    # Published 25 November 2020: 3 March is last March; 20 December is near;
    # "until 31 August" looks ahead.
    found = extract(
        capture(
            "The land was leased on 3 March. The road opens on 20 December. "
            "The exhibition stays open until 31 August."
        ),
        gazetteer,
    )
    assert found.dates_mentioned == [
        datetime.date(2020, 3, 3),
        datetime.date(2020, 12, 20),
        datetime.date(2021, 8, 31),
    ]


# Learned on the second set --------------------------------------------------------------------


def test_an_agency_name_ends_with_its_kind_of_business():
    [photo] = split_photo_block(
        "© Nare Testyan, Harbour Photo Agency Lusine Testyan in the new kitchen in Vayk."
    )
    assert photo.credit == "Nare Testyan, Harbour Photo Agency"
    assert photo.captions == {"en": "Lusine Testyan in the new kitchen in Vayk."}


def test_the_complaint_came_from_names_the_speaker(gazetteer):
    [(_, speaker, description)] = said(
        gazetteer,
        '"We were never shown the accounts." The complaint came from opposition leader '
        "Zaruhi Testyan.",
    )
    assert (speaker, description) == ("Zaruhi Testyan", "opposition leader")


def test_she_is_the_person_named_in_her_paragraph_never_an_institution(gazetteer):
    assert said(
        gazetteer,
        'The Shirak Regional Administration said the school "now meets every standard".',
        'Fifth-grader Mane Testyan liked the new library best. "There are books about space,"'
        " she said.",
    ) == [
        ("now meets every standard", "Shirak Regional Administration", None),
        ("There are books about space", "Mane Testyan", "Fifth-grader"),
    ]


def test_an_office_before_the_name_lets_a_role_reference_find_them(gazetteer):
    [(_, speaker, description)] = said(
        gazetteer,
        "Deputy Minister of Education Karine Testyan cut the ribbon. The minister told parents "
        'that the building "now meets every standard we have".',
    )
    assert (speaker, description) == ("Karine Testyan", "Deputy Minister of Education")


def test_whoever_reports_a_promise_is_its_speaker(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        "Spokesperson of the Roads Committee Tigran Testyan said the contractor had promised "
        'to finish "before the first snow, not after it."',
    )
    assert speaker == "Tigran Testyan"


# A wrong name is worse than none (found in review) ----------------------------------------------


@pytest.mark.parametrize(
    "paragraphs",
    [
        # A sentence about a named person that says nothing is no attribution.
        ['"It is a betrayal and a disgrace for us all." Synthetic Person signed it at night.'],
        ['Synthetic Person signed the agreement at night. "It is a betrayal and a disgrace."'],
        # "it" and "they" stand for no one named before.
        [
            'Anna Testova read out the statement of the ministry. "We lost two trucks in the '
            'night," it said.'
        ],
    ],
)
def test_no_speaker_rather_than_a_wrong_one(gazetteer, paragraphs):
    [(_, speaker, _)] = said(gazetteer, *paragraphs)
    assert speaker is None


def test_a_first_name_is_not_completed_from_a_street(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        "President Ilham Testov visited the town on Monday.",
        "Traffic on Testov Avenue stopped for the visit.",
        '"We will rebuild every house here," Testov said.',
    )
    assert speaker == "Ilham Testov"


def test_a_one_line_quote_with_its_speaker_is_no_subheading(gazetteer):
    [(_, speaker, _)] = said(gazetteer, '"We have nowhere else to go now," said Anna Testova')
    assert speaker == "Anna Testova"


# Learned on the fourth set ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "credit", "caption"),
    [
        # A lower-case "for" with a capitalised outlet carries the credit on.
        (
            "© Anna Testova for The Evening Example The new bridge at dusk.",
            "Anna Testova for The Evening Example",
            "The new bridge at dusk.",
        ),
        # An agency written in mixed case is one credit word.
        (
            "© pixTESTA Taxis wait outside the terminal.",
            "pixTESTA",
            "Taxis wait outside the terminal.",
        ),
        # Lower-case connectors inside an organisation's name.
        (
            "© Association Fil et Testa Les bénévoles au travail.",
            "Association Fil et Testa",
            "Les bénévoles au travail.",
        ),
        (
            "© Gazette des Testes Aram Testyan holds up a basket.",
            "Gazette des Testes",
            "Aram Testyan holds up a basket.",
        ),
        # A capitalised small word that an agency's head word follows.
        (
            "© Lia Testova / Objectif Est Photo Les pommes du verger.",
            "Lia Testova / Objectif Est Photo",
            "Les pommes du verger.",
        ),
        # An elided article opens the name, not the caption.
        ("© L'Écho Testique Les pommes du verger.", "L'Écho Testique", "Les pommes du verger."),
    ],
)
def test_a_credit_keeps_outlets_brands_and_french_names_whole(block, credit, caption):
    [photo] = split_photo_block(block)
    assert photo.credit == credit
    assert list(photo.captions.values()) == [caption]


@pytest.mark.parametrize(
    ("caption", "language"),
    [
        ("Yeni avtobuslar limanın qarşısında dayanıb.", "az"),  # q among Turkic letters
        ("Kitabxananın yeni lampaları.", "az"),  # x
        ("Havalimanı önünde bekleyen taksiler.", "tr"),
        ("Bahçeden gelen elmalar.", "tr"),  # no small word, but Turkic letters
    ],
)
def test_azerbaijani_is_told_from_turkish_by_letters_turkish_lacks(caption, language):
    [photo] = split_photo_block(f"A caption in English. © Testa Photo {caption}")
    assert list(photo.captions) == ["en", language]


@pytest.mark.parametrize(
    "line",
    [
        "With reporting by Lilit Testyan",
        "Avec Agence Test Sud",
        "With additional reporting from Testwire",
    ],
)
def test_reporting_credits_and_french_avec_lines_are_bylines(gazetteer, line):
    found = extract(capture("Residents returned to the village on Monday.", line), gazetteer)
    assert found.byline == line
    assert found.paragraphs == ["Residents returned to the village on Monday."]


def test_a_french_attribution_inside_the_quote_is_taken_out(gazetteer):
    assert said(
        gazetteer,
        "La conservatrice Nina Testian a ouvert la salle mardi.",
        "« Nous avons passé l'hiver à compter les fils, sourit-elle, et le printemps à les "
        "recoudre. »",
    ) == [
        (
            "Nous avons passé l'hiver à compter les fils et le printemps à les recoudre",
            "Nina Testian",
            "conservatrice",
        )
    ]


def test_a_quote_only_paragraph_after_a_photo_goes_on_with_the_last_speaker(gazetteer):
    [_, (text, speaker, _)] = said(
        gazetteer,
        '"Some people knock twice," said Anahit Testyan, a cheese seller.',
        "Cheese on the counter. © Testa Photo Cheese on the counter, in Russian.",
        '"My mother sold here before me, and her mother before her."',
    )
    assert (text, speaker) == (
        "My mother sold here before me, and her mother before her",
        "Anahit Testyan",
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        'Testyan shrugged: "Let him say it, his wife buys from me."',
        'Testyan tasted the honey from a spoon, frowned and said: "Too much clover."',
        'Testyan lit a cigarette and added: "There are enough passengers for everyone."',
    ],
)
def test_a_surname_opening_the_sentence_is_the_speaker_after_any_verb(gazetteer, paragraph):
    [(_, speaker, _)] = said(gazetteer, "Gohar Testyan runs the stall.", paragraph)
    assert speaker == "Gohar Testyan"


def test_a_role_reference_is_the_person_who_has_that_role(gazetteer):
    assert (
        said(
            gazetteer,
            "« Ce matin, tout venait du verger », dit Lala Testova, la cuisinière de l'école.",
            "Le verger appartient à Ilham Testov, 52 ans.",
            "« Il exagère », glisse la cuisinière.",
        )[1][1]
        == "Lala Testova"
    )


def test_a_sentence_about_a_role_tells_who_she_is(gazetteer):
    [_, _, (_, speaker, _)] = said(
        gazetteer,
        "« Certains étaient troués », raconte Nina Testian, conservatrice du musée.",
        "« Des gens viennent de loin », assure la gardienne, Siran Testian.",
        "La conservatrice espère une vitrine. « Sans elle, nous recommencerons tout », "
        "prévient-elle.",
    )
    assert speaker == "Nina Testian"


def test_an_unnamed_man_is_who_he_is(gazetteer):
    [_, (_, speaker, _)] = said(
        gazetteer,
        '"We waited six years for a dentist," said Arsen Testyan, the head of the clinic.',
        "Outside, a man waiting on the bench said he had come from a village far away. "
        '"I heard about her on the radio," he said.',
    )
    assert speaker is None


def test_she_answers_the_man_who_spoke_before_her(gazetteer):
    assert [
        speaker
        for _, speaker, _ in said(
            gazetteer,
            "Sa voisine, Lusine Testian, 61 ans, est prudente. « Il faut encore les vendre », "
            "dit-elle.",
            "« Elle dit ça chaque année », rétorque le président, Gagik Testian.",
            "« Et chaque année j'ai raison », répond-elle.",
        )
    ] == ["Lusine Testian", "Gagik Testian", "Lusine Testian"]


def test_he_is_not_the_person_his_quote_names(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        "Ilgar Testov, the transport chief, opened the route on Monday.",
        "It copies one launched last year, which Testov credited to Elmira Testova.",
        '"Elmira Testova proved that people will take the bus," he said.',
    )
    assert speaker == "Ilgar Testov"


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            'A notice signed by the authority read: "Closed on Mondays until spring."',
            "Testville District Authority",
        ),
        (
            "The library's rules, posted by the Testville Culture Service, read: "
            '"Silence, please."',
            "Testville Culture Service",
        ),
        (
            "A regulation published by the authority on 15 May states that traders must "
            '"weigh goods in front of the customer".',
            "Testville District Authority",
        ),
        (
            "According to the department's own schedule, the road was due in October. "
            'That schedule promised "a smooth road before the first snow".',
            "Testville Roads Department",
        ),
        (
            'In a statement, the authority said the fair showed that "bees have a future here".',
            "Testville District Authority",
        ),
    ],
)
def test_a_document_or_an_institution_named_before_speaks_for_its_author(
    gazetteer, paragraph, speaker
):
    [(_, found, _)] = said(
        gazetteer,
        "The fair was paid for by the Testville District Authority, and the road was built by "
        "the Testville Roads Department.",
        paragraph,
    )
    assert found == speaker


def test_a_notice_signed_by_a_role_is_the_person_with_that_role(gazetteer):
    [_, (_, speaker, _)] = said(
        gazetteer,
        '"The chair cost more than my car," said Arsen Testyan, the head of the clinic.',
        "A notice signed by the head of the clinic read: "
        '"Dentist: Monday to Friday. Bring your own patience."',
    )
    assert speaker == "Arsen Testyan"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # A place at the end of a role is where, and the name after the comma is who.
        (
            "« Chaque école achètera ses légumes ici », explique le chef du service de "
            "l'éducation du district de Zangilan, Elvin Testov.",
            "Elvin Testov",
        ),
        # A preposition opening the sentence is no part of the name.
        (
            "Pour Hélène Testelli, présidente de l'association, l'essentiel est ailleurs : "
            "« Ce ne sont pas nos tapis. »",
            "Hélène Testelli",
        ),
        (
            "Dans un communiqué, le ministère régional de l'Agriculture a salué « une saison "
            "exceptionnelle » et promis une aide.",
            "ministère régional de l'Agriculture",
        ),
    ],
)
def test_never_a_place_or_a_preposition_as_speaker(gazetteer, sentence, speaker):
    [(_, found, _)] = said(gazetteer, sentence)
    assert found == speaker


def test_names_of_things_and_terms_in_quote_marks_are_not_quotes(gazetteer):
    assert (
        said(
            gazetteer,
            'The opening made the front page under the headline "A Roof Over the Harvest" on '
            "Tuesday, residents said.",
            "Le programme, baptisé « Du champ à l'assiette », a été lancé le 1er février.",
            "The shuttle will start on Monday, the operator said, ending the “taxi lottery” at the "
            "airport.",
            'Visitors queued for the "Open Doors Weekend Programme" at the museum all day long.',
        )
        == []
    )


def test_a_deadline_and_the_end_of_a_range_are_ahead(gazetteer):
    # Published 25 November 2020.
    found = extract(
        capture(
            "The second reservoir is due to be filled by 30 January.",
            "Rents are waived from 20 November to 28 February.",
            "The convoy was transferred to the district by 25 November.",
            "The first trucks had arrived by 3 March.",
        ),
        gazetteer,
    )
    assert found.dates_mentioned == [
        datetime.date(2020, 3, 3),
        datetime.date(2020, 11, 20),
        datetime.date(2020, 11, 25),
        datetime.date(2021, 1, 30),
        datetime.date(2021, 2, 28),
    ]


# Learned on the fifth set ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "credit", "caption"),
    [
        # Every letter counts as a letter of a name: "ə" and "ü" are no small words.
        (
            "© Testəli Nəmunəov, Sünbül Testfoto Combines harvest wheat by the canal.",
            "Testəli Nəmunəov, Sünbül Testfoto",
            "Combines harvest wheat by the canal.",
        ),
        (
            "© Nurlan Əhtestov / Yayla Photo Bees on the flowers of the pasture.",
            "Nurlan Əhtestov / Yayla Photo",
            "Bees on the flowers of the pasture.",
        ),
        # An agency in capitals ends where the caption's mixed case starts.
        (
            "© LA SENTINELLE TEST Curator Nina Testian in the room of moulds.",
            "LA SENTINELLE TEST",
            "Curator Nina Testian in the room of moulds.",
        ),
        # A caption in another alphabet starts where that alphabet does.
        (
            "© Agence Testa Гранаты в ящиках у входа на рынок.",
            "Agence Testa",
            "Гранаты в ящиках у входа на рынок.",
        ),
    ],
)
def test_a_credit_ends_where_the_name_of_its_agency_does(block, credit, caption):
    [photo] = split_photo_block(block)
    assert photo.credit == credit
    assert list(photo.captions.values()) == [caption]


def test_a_harmonised_daki_is_azerbaijani_without_any_letter_turkish_lacks():
    [photo] = split_photo_block(
        "A caption in English. © Testa Photo Atlar çayın yanındakı tarlada."
    )
    assert photo.captions == {"en": "A caption in English.", "az": "Atlar çayın yanındakı tarlada."}


def test_the_days_of_a_range_or_list_share_a_year_and_until_may_look_back(gazetteer):
    # Published 25 November 2020.
    found = extract(
        capture(
            "The channel will be lined between 2 and 30 January.",
            "The outage began on 2 November and lasted, in some streets, until 20 November.",
            "Buyers paid more on Monday 16 November and on Wednesday 18 November.",
        ),
        gazetteer,
    )
    assert found.dates_mentioned == [
        datetime.date(2020, 11, 2),
        datetime.date(2020, 11, 16),
        datetime.date(2020, 11, 18),
        datetime.date(2020, 11, 20),
        datetime.date(2021, 1, 2),
        datetime.date(2021, 1, 30),
    ]


def test_names_titles_and_nicknames_in_quote_marks_are_not_quotes(gazetteer):
    assert (
        said(
            gazetteer,
            "The concert, billed as ‘a night of old mountain songs’, drew families back.",
            "The paper's front page last month, ‘A town that still sings’, brought letters.",
            "Her new book ‘Letters from the Valley’ sold out in a week.",
            "The meadows are thick with a purple sage that the herders call “mountain tea”, "
            "and the honey is dark.",
            headline="‘We counted the days’: a school opens its doors",
        )
        == []
    )


def test_a_verb_of_judgement_gives_its_short_fragment_a_speaker(gazetteer):
    assert said(
        gazetteer,
        "In its report, published in April, the Test Valley Foundation rates the project "
        "“highly effective” and recommends a second grant.",
    ) == [("highly effective", "Test Valley Foundation", None)]


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # Who said the sentence before goes on speaking, and is "the engineer" after.
        (
            [
                "The engineer in charge of the site, Anna Testova, said the crew had found two "
                'more joints. "We replaced them at once."',
                '"Nobody wants to dig this street twice," the engineer added.',
            ],
            "Anna Testova",
        ),
        # "I" inside a quotation is nobody's name.
        (
            [
                "Mariam Testyan, 68, read the chart and laughed. “I have been guessing for two "
                "years,” she said. “Now I can read the print on the packet.”"
            ],
            "Mariam Testyan",
        ),
        # A first name that is also a place ("Ani") is still a first name.
        (
            [
                "‘We thought we would need the spring,’ said Ani Testyan, the conductor.",
                "‘We raised it in three weeks,’ Testyan told the Weekly Example.",
            ],
            "Ani Testyan",
        ),
        # A participle clause opening the sentence is not the speech verb.
        (
            [
                "Anna Testova opened the dairy in May.",
                "Asked about the future, Testova folded her arms: “Goats. Next year, goat cheese.”",
            ],
            "Anna Testova",
        ),
        (
            [
                "Rauf Testov runs the bakery. Asked about competition, he smiled. "
                '"Let them come. Bread is not a business you do alone."'
            ],
            "Rauf Testov",
        ),
        # A role in lower case, then the name, opens the sentence.
        (
            [
                "The food chemist Ramil Testov, who has tested the honey for two seasons, held a "
                "jar up to the window: “Look at the colour of it.”"
            ],
            "Ramil Testov",
        ),
        (
            [
                "In the village of Shaki, village head Lusine Testyan met farmers on Monday and "
                'promised that "every orchard will get water twice a week".'
            ],
            "Lusine Testyan",
        ),
        # The name before ", who" is who spoke.
        (
            [
                "The evening was moderated by journalist Ruzanna Testyan, who reminded the "
                'audience that "the vote is open to members who paid their dues".'
            ],
            "Ruzanna Testyan",
        ),
        # An office of more than fourteen words before the name.
        (
            [
                "Deputy Head of the Test District Education Department for Transport and School "
                "Infrastructure Farhad Testov told the Example Courier that the run would start "
                '"as soon as we have a driver".'
            ],
            "Farhad Testov",
        ),
        # The speaker is named in the next sentence.
        (
            [
                "Narek Testyan runs the café by the bridge.",
                '"We have waited thirty years for the border to open." Testyan laughed as he '
                "said it.",
            ],
            "Narek Testyan",
        ),
        # A paragraph that is only a quotation after one reporting what someone said.
        (
            [
                "The librarian Sona Testyan cooked at the launch.",
                "Testyan said the hardest recipe to pin down was the herb bread.",
                "“Some of those greens grow only on the hills above the town.”",
            ],
            "Sona Testyan",
        ),
    ],
)
def test_the_speaker_is_found_across_sentences_and_long_subjects(gazetteer, paragraphs, speaker):
    assert {found for _, found, _ in said(gazetteer, *paragraphs)} == {speaker}


def test_it_is_the_institution_the_sentence_opens_with(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        "The Test Valley Water Company restored the supply on Monday.",
        'The company apologised for what it called "the inconvenience to households".',
    )
    assert speaker == "Test Valley Water Company"


def test_a_role_with_another_field_is_not_the_same_role(gazetteer):
    found = said(
        gazetteer,
        'Head of the Irrigation Department Ani Testyan said the canal was closed for "urgent '
        'repairs to the intake gate".',
        'Village head Lusine Testyan promised that "every orchard will get water".',
        'The department head added: "The money is in next year\'s budget."',
    )
    assert [speaker for _, speaker, _ in found] == ["Ani Testyan", "Lusine Testyan", "Ani Testyan"]


def test_the_name_after_according_to_outranks_where_they_work(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer,
        "Flour prices rose by 18 per cent, according to Leyla Testova, an analyst at the "
        'Example Grain Exchange, who described the increase as "seasonal, not structural".',
    )
    assert speaker == "Leyla Testova"


def test_french_frames_find_their_speaker(gazetteer):
    assert said(
        gazetteer,
        "Dans la cour, Tofig Testov, un ancien boulanger de 77 ans, observe les maçons. Il "
        "passe la main sur la voûte et sourit : « Mon père cuisait ici le pain du quartier. »",
        # A closing guillemet after a non-breaking space: a sentence, not a sub-heading.
        "« Ce four a nourri tout le quartier, dit-il, pendant quarante ans.\u00a0»",
        "Selon l’administrateur du marché, Aram Testian, la fréquentation a baissé. « Les gens "
        "viennent toujours, mais ils achètent à l’unité », observe M. Testian.",
        "L’administrateur assure que la question sera tranchée « avant la fin du mois ».",
        "Pour l’administrateur, le travail ne fait que commencer : « Chaque semaine, quelqu’un "
        "frappe à la porte. »",
    ) == [
        ("Mon père cuisait ici le pain du quartier", "Tofig Testov", "ancien boulanger de 77 ans"),
        (
            "Ce four a nourri tout le quartier pendant quarante ans",
            "Tofig Testov",
            "ancien boulanger de 77 ans",
        ),
        (
            "Les gens viennent toujours, mais ils achètent à l’unité",
            "Aram Testian",
            "administrateur du marché",
        ),
        ("avant la fin du mois", "Aram Testian", "administrateur du marché"),
        ("Chaque semaine, quelqu’un frappe à la porte", "Aram Testian", "administrateur du marché"),
    ]


# Learned from the sixth unseen set ------------------------------------------------


@pytest.mark.parametrize(
    ("block", "credit", "captions"),
    [
        # An institution's name runs on through "of the" up to its head word.
        (
            "Uşaqlar bağçada. © Press Service of the Test District Executive Authority Children "
            "on the playground.",
            "Press Service of the Test District Executive Authority",
            {"az": "Uşaqlar bağçada.", "en": "Children on the playground."},
        ),
        # A lower-case head word after a name in capitals is the agency's brand.
        (
            "© Ayla Testoğlu/KARATEST medya Workers stack the first sacks at the mill.",
            "Ayla Testoğlu/KARATEST medya",
            {"en": "Workers stack the first sacks at the mill."},
        ),
    ],
)
def test_a_credit_runs_to_the_end_of_the_institution_or_brand(block, credit, captions):
    [photo] = split_photo_block(block)
    assert (photo.credit, photo.captions) == (credit, captions)


def test_a_caption_whose_sentences_change_language_is_one_caption_per_language():
    [photo] = split_photo_block(
        "© Testa Photo Workers stack the first sacks of flour at the mill. "
        "Рабочие складывают первые мешки муки на мельнице."
    )
    assert photo.captions == {
        "en": "Workers stack the first sacks of flour at the mill.",
        "ru": "Рабочие складывают первые мешки муки на мельнице.",
    }


def test_an_english_caption_naming_a_place_in_azerbaijani_stays_one_caption():
    [photo] = split_photo_block(
        "© Testa Photo Residents return to Kəlbəcər. Some had been away for years."
    )
    assert photo.captions == {"en": "Residents return to Kəlbəcər. Some had been away for years."}


@pytest.mark.parametrize(
    ("caption", "language"),
    [
        ("Un fabriki ilk unu istehsal etdi.", "az"),  # "etdi": Azerbaijani, no Turkic letter
        ("Elma yığımı bağlarda davam edir.", "az"),  # "edir" against Turkish "ediyor"
        ("Elma toplama bahçelerde devam ediyor.", "tr"),
    ],
)
def test_azerbaijani_and_turkish_verb_forms_tell_the_language(caption, language):
    [photo] = split_photo_block(f"A caption in English. © Testa Photo {caption}")
    assert list(photo.captions) == ["en", language]


def test_a_place_set_in_capitals_by_a_dateline_is_the_same_written_name(gazetteer):
    found = extract(
        capture(
            "ZANGILAN FOOTBRIDGE REOPENS",
            "ZANGILAN, June 6 (Test Wire) - The bridge in Zangilan town reopened on Tuesday.",
        ),
        gazetteer,
    )
    assert found.places_mentioned == ["Zangilan"]


def test_an_office_reference_is_the_person_who_holds_that_office(gazetteer):
    found = said(
        gazetteer,
        "The opening was attended by Head of the Test District Executive Authority Vasif "
        "Testov, Head of the Department of Education, Youth and Sport of the Test District "
        "Executive Authority Leyla Testova, and parents.",
        "Speaking at the ceremony, Vasif Testov praised the builders. "
        '"Every family must find a kindergarten," the Head of the Executive Authority said.',
        '"Bring the birth certificate, nothing else," the head of the department emphasised.',
    )
    assert [(speaker, description.split(" of ")[0]) for _, speaker, description in found] == [
        ("Vasif Testov", "Head"),
        ("Leyla Testova", "Head"),
    ]
    assert found[1][2].endswith(
        "Department of Education, Youth and Sport of the Test District Executive Authority"
    )


def test_the_official_is_the_latest_speaker_whose_role_fits(gazetteer):
    found = said(
        gazetteer,
        'The supplier rejected it. "We delivered what the contract allowed," said its sales '
        "director, Murat Testoğlu.",
        "Deputy Head of the Test District Executive Authority for Utilities Tofiq Testov said "
        'the mains would be replaced. "The work starts in March," Testov said. Asked who would '
        'pay, the official said: "That is a question for the court."',
    )
    assert found[-1][:2] == ("That is a question for the court", "Tofiq Testov")


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # An initial and a surname, three verbs sharing them.
        (
            [
                "Vasif Testov opened the school.",
                "V. Testov visited the classrooms, examined the kitchen and stated: "
                '"The building meets every standard."',
            ],
            "Vasif Testov",
        ),
        # "but" joins two verbs of one subject; "called" takes an object before its quote.
        (
            [
                "Growers' representative Vasif Testov welcomed the announcement but called the "
                'price "lower than last year\'s diesel bill".'
            ],
            "Vasif Testov",
        ),
        # A document's sender after "from"; who saw it is not its author.
        (
            [
                "A letter from the Test Regional Water Company to the district administration, "
                "dated 14 November and seen by the Observer, ends with a warning: "
                '"The network cannot supply the upper floors."'
            ],
            "Test Regional Water Company",
        ),
        # "Its report": the institution the sentence before opened with.
        (
            [
                "The Chamber of Accounts reached a similar conclusion. Its audit report, dated "
                '12 December, states that "the substitution was not approved".'
            ],
            "Chamber of Accounts",
        ),
        # An institution named in short is the one named in full before.
        (
            [
                "The clinic will open in the evenings, according to the district health office.",
                'The health office said the service would be "extended to other clinics".',
            ],
            "district health office",
        ),
        # A sentence with a word of speech hands over to the quotation after it.
        (
            [
                "Mehmet Testoğlu, who has worked eleven harvests, has one more piece of advice. "
                "“Pick in the morning and sell in the afternoon.”"
            ],
            "Mehmet Testoğlu",
        ),
        # An office before a comma and the name: "the deputy head" fits it.
        (
            [
                "Test district's Deputy Head for Agriculture, Ülviyyə Testova, said farms would "
                "supply the grain.",
                "Asked about bran, Testova and the engineer both nodded. The deputy head added: "
                '"Nothing from the wheat will be wasted."',
            ],
            "Ülviyyə Testova",
        ),
    ],
)
def test_speakers_of_the_sixth_sets_frames(gazetteer, paragraphs, speaker):
    assert [found for _, found, _ in said(gazetteer, *paragraphs)] == [speaker]


def test_someone_unnamed_is_nobody_not_the_last_name_in_the_sentence(gazetteer):
    found = said(
        gazetteer,
        "As Yelena Testova explained the schedule, someone at the back called out “they "
        "charged us last year”, and several herders laughed.",
    )
    assert found == [("they charged us last year", None, None)]


def test_french_attributions_name_their_speaker(gazetteer):
    assert said(
        gazetteer,
        "Le vice-président du conseil, Elnur Testov, voit plus loin. Selon lui, la soie "
        "pourrait devenir « une carte de visite » pour Jabrayil.",
        "Le chantier a coûté, selon la municipalité, « moins qu'un immeuble neuf ».",
        "Le président de l'association, Rauf Testov, rappelle que les mûriers poussent. "
        '"On ne mange pas de foulards", lâche-t-il.',
        "« Nous avons tout refait, explique l'architecte Selim Testoğlu, avec les artisans. »",
        "Assis sur un banc, Əli Testov, 78 ans, attend son tour. Il se souvient des bains "
        "d'avant. « Mon père m'y emmenait chaque samedi. »",
        "Dans la salle d'attente, Süleyman Testov a fini par être appelé. Avant d'entrer, il "
        "se retourne : « Dites-le dans votre journal, ici on soigne bien. »",
    ) == [
        ("une carte de visite", "Elnur Testov", "vice-président du conseil"),
        ("moins qu'un immeuble neuf", "municipalité", None),
        ("On ne mange pas de foulards", "Rauf Testov", "président de l'association"),
        ("Nous avons tout refait avec les artisans", "Selim Testoğlu", "architecte"),
        ("Mon père m'y emmenait chaque samedi", "Əli Testov", "78 ans"),
        ("Dites-le dans votre journal, ici on soigne bien", "Süleyman Testov", None),
    ]


def test_a_title_before_a_name_is_no_description_when_an_appositive_gives_the_role(gazetteer):
    assert said(
        gazetteer,
        "«Le laboratoire change tout», précise la docteure Irina Testova, médecin-chef du "
        "dispensaire, arrivée en décembre.",
        "«Nous ne pouvons pas tout promettre», reconnaît la médecin-chef.",
    ) == [
        ("Le laboratoire change tout", "Irina Testova", "médecin-chef du dispensaire"),
        ("Nous ne pouvons pas tout promettre", "Irina Testova", "médecin-chef du dispensaire"),
    ]


# Learned from the seventh unseen set ----------------------------------------------


@pytest.mark.parametrize(
    ("block", "credit", "caption"),
    [
        # An outlet alone closing the block, though it opens with an article.
        (
            "Une conservatrice lors du déballage. © Le Courrier du Test",
            "Le Courrier du Test",
            "Une conservatrice lors du déballage.",
        ),
        # An outlet's kind word ends it before a caption that opens with a capital.
        (
            "© Leyla Testova for Highland Quarterly Həkim Sabinə Testova klinikanın qarşısında.",
            "Leyla Testova for Highland Quarterly",
            "Həkim Sabinə Testova klinikanın qarşısında.",
        ),
        # An agency in capitals after a slash or a comma ends at the first word that is not.
        (
            "© Kerem Testoğlu / EKİNCİ İNŞAAT Ekinci İnşaat çalışanları teslim töreninde.",
            "Kerem Testoğlu / EKİNCİ İNŞAAT",
            "Ekinci İnşaat çalışanları teslim töreninde.",
        ),
        (
            "© Nurlan Testov, NORTHLIGHT Arxeoloqlar ocağı təmizləyir.",
            "Nurlan Testov, NORTHLIGHT",
            "Arxeoloqlar ocağı təmizləyir.",
        ),
        (
            "© Rauf Testov/AHP Fəhlələr üzüm tənəklərini budayır.",
            "Rauf Testov/AHP",
            "Fəhlələr üzüm tənəklərini budayır.",
        ),
        # An outlet with its article after the slash.
        (
            "© Nigar Testova / The Southern Herald Ученики на линейке.",
            "Nigar Testova / The Southern Herald",
            "Ученики на линейке.",
        ),
    ],
)
def test_a_credit_ends_with_its_outlet_or_agency_in_capitals(block, credit, caption):
    [photo] = split_photo_block(block)
    assert photo.credit == credit
    assert caption in photo.captions.values()


def test_a_caption_and_its_translation_are_told_apart_by_their_small_words():
    [photo] = split_photo_block(
        "Des ouvriers taillent les jeunes vignes du domaine, près de Jabrayil. Workers prune "
        "young vines near Jabrayil. © Testa Photo"
    )
    assert photo.captions == {
        "fr": "Des ouvriers taillent les jeunes vignes du domaine, près de Jabrayil.",
        "en": "Workers prune young vines near Jabrayil.",
    }


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # An institution named again by its kind word alone.
        (
            [
                "The Test Valley Fruit Growers' Association said its members had picked more. "
                '"The trees are bearing properly," the association said in a statement.'
            ],
            "Test Valley Fruit Growers' Association",
        ),
        (
            [
                "The finds will go on show at the Aghdam district museum. The museum said the "
                'exhibition would open "as soon as the conservators allow".'
            ],
            "Aghdam district museum",
        ),
        # French: an attribution between two quotations, its verb inverted after "s'est".
        (
            [
                "Giorgi Testadze, directeur d'une pépinière, a fait le voyage. “Nous en avons "
                "perdu moins de 3 %”, s'est-il félicité, “ce qui est remarquable”."
            ],
            "Giorgi Testadze",
        ),
        # A clause with a place inside it stands between the subject and the verb.
        (
            [
                "La gérante du domaine, Aygün Testova, qui a grandi à Füzuli, à une trentaine "
                "de kilomètres, dit avoir “tout appris sur le tas”."
            ],
            "Aygün Testova",
        ),
        # An estate speaking as an institution.
        (
            [
                "Dans un communiqué, le domaine des Trois Collines a qualifié la saison de "
                "“prometteuse” et annoncé des vendanges."
            ],
            "domaine des Trois Collines",
        ),
        # A French subject with its relative clause before "a qualifié".
        (
            [
                "Le président de l'association des Amis de la Maison, Bertrand Testeau, qui a "
                "financé l'assurance, a qualifié l'exposition de « pari logistique réussi »."
            ],
            "Bertrand Testeau",
        ),
    ],
)
def test_speakers_of_the_seventh_sets_frames(gazetteer, paragraphs, speaker):
    assert [found for _, found, _ in said(gazetteer, *paragraphs)] == [speaker]


def test_a_role_set_apart_by_a_pronoun_is_the_person_who_holds_it(gazetteer):
    found = said(
        gazetteer,
        "La directrice de la Maison, Hélène Testeau, a préparé ce prêt. « Nous avons dû tout "
        "apprendre », confie-t-elle.",
        "Le président, Bertrand Testeau, a qualifié l'exposition de « pari réussi ».",
        "La directrice, elle, se veut prudente. « Si nous atteignons 40 000 visiteurs, je "
        "serai heureuse », a-t-elle déclaré.",
    )
    assert [(speaker, description) for _, speaker, description in found] == [
        ("Hélène Testeau", "directrice de la Maison"),
        ("Bertrand Testeau", "président"),
        ("Hélène Testeau", "directrice de la Maison"),
    ]


# Learned from the eighth unseen set -----------------------------------------------


@pytest.mark.parametrize(
    ("block", "credit", "caption"),
    [
        # Letters the credit has none of open a caption in another language.
        (
            "© Highland Springs LLC Şagirdlər zavodun laboratoriyasında.",
            "Highland Springs LLC",
            "Şagirdlər zavodun laboratoriyasında.",
        ),
        (
            "© Seymur Testov / Highland Radio Doktor Lalə Testova xəstəni müayinə edir.",
            "Seymur Testov / Highland Radio",
            "Doktor Lalə Testova xəstəni müayinə edir.",
        ),
        (
            "© Highland Review / Leyla Testova Ramilə Testova muzeyin əsas zalında.",
            "Highland Review / Leyla Testova",
            "Ramilə Testova muzeyin əsas zalında.",
        ),
        # A surname with them is still the photographer's.
        (
            "© Nurlan Həsənli, Testa Foto Workers lay a new pipe.",
            "Nurlan Həsənli, Testa Foto",
            "Workers lay a new pipe.",
        ),
    ],
)
def test_a_credit_ends_where_a_caption_in_another_alphabet_begins(block, credit, caption):
    [photo] = split_photo_block(block)
    assert photo.credit == credit
    assert caption in photo.captions.values()


def test_a_caption_naming_a_town_in_its_own_language_stays_one_caption():
    [photo] = split_photo_block(
        "A pianist in the main hall. © Testa Photo Ramilə Testova muzeyin əsas zalında. "
        "Şuşa, iyun 2024."
    )
    assert photo.captions["az"] == "Ramilə Testova muzeyin əsas zalında. Şuşa, iyun 2024."


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # The institution in an appositive is where the speaker works.
        (
            [
                '"We built it for the worst week," Elnur Testov, deputy head of the Fuzuli '
                "District Roads Service, said at the terminal."
            ],
            "Elnur Testov",
        ),
        # A quotation opening a paragraph, then the person it introduces.
        (
            [
                '"I came for my knees and they checked my heart." Sona Testova, a 71-year-old '
                "pensioner, walked twenty minutes to the stop."
            ],
            "Sona Testova",
        ),
        (
            [
                '"It used to be two hours and a prayer." That is how Gulnara Testova, a nurse, '
                "remembers her first commute."
            ],
            "Gulnara Testova",
        ),
        # French: what follows an institution's name is no part of it.
        (
            [
                "« Nous voulons des échanges réguliers », indique l'Association des amis de "
                "Terter dans un communiqué."
            ],
            "Association des amis de Terter",
        ),
    ],
)
def test_speakers_of_the_eighth_sets_frames(gazetteer, paragraphs, speaker):
    assert [found for _, found, _ in said(gazetteer, *paragraphs)] == [speaker]


def test_she_is_the_last_speaker_past_a_paragraph_that_names_nobody_not_an_outlet(gazetteer):
    found = said(
        gazetteer,
        'Dr Lala Testova, a family doctor, said: "We see forty people a day."',
        "The bus stopped in Charektar on Monday and will return on 4 March.",
        '"The road is the hard part," she told Highland Radio.',
    )
    assert [speaker for _, speaker, _ in found] == ["Lala Testova", "Lala Testova"]


def test_she_is_whom_the_sentence_is_about_not_a_name_in_its_clause(gazetteer):
    found = said(
        gazetteer,
        "Zulfiyya Testova runs the post office of the village.",
        "Testova, who says the idea came from a visiting inspector, Tofiq Testov, is "
        "matter-of-fact about it. ‘We had a counter but no scales,’ she said.",
    )
    assert found[-1][1] == "Zulfiyya Testova"


def test_an_answer_after_an_interviewers_question_goes_on_with_the_speaker(gazetteer):
    found = said(
        gazetteer,
        '"A piano with no legs," Ramila Testova says.',
        "What would you tell someone opening a museum?",
        '"That a museum is a promise you keep every morning."',
    )
    assert [speaker for _, speaker, _ in found] == ["Ramila Testova", "Ramila Testova"]


def test_a_quotation_then_a_named_person_who_does_something_else_is_no_attribution(gazetteer):
    [(_, speaker, _)] = said(
        gazetteer, '"It is a betrayal and a disgrace for us all." Synthetic Person signed it.'
    )
    assert speaker is None
