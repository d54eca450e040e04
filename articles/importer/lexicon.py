"""The words attribution is told by: verbs and nouns of speech, pronouns, offices and
occupations, institutions, and the small words that may sit inside a name."""

from __future__ import annotations

import re

from .months import MONTHS_AND_WEEKDAYS
from .textutil import word_set

SPEECH_VERBS = word_set("""
    say says said saying tell tells told telling add adds added adding state states stated
    declare declares declared declaring explain explains explained explaining insist insists
    insisted insisting note notes noted noting write writes wrote writing announce announces
    announced ask asks asked asking reply replies replied warn warns warned warning stress
    stresses stressed stressing claim claims claimed assert asserts asserted affirm affirms
    affirmed recall recalls recalled recalling confirm confirms confirmed vow vows vowed
    promise promises promised urge urges urged tweet tweets tweeted posted continue continues
    continued comment comments commented admit admits admitted acknowledge acknowledges
    acknowledged argue argues argued emphasise emphasises emphasised emphasize emphasizes
    emphasized lament laments lamented complain complains complained shout shouted cry cried
    whisper whispered sigh sighed exclaimed concluded recounted
    call calls called describe describes described dub dubs dubbed term terms termed
    remind reminds reminded repeat repeats repeated
    label labels labelled labeled brand brands branded rate rates rated deem deems deemed
    """)
# Verbs of manner that attribute only right after a quotation: '"...," Gayane laughed'.
MANNER_VERBS = word_set(
    "laughed smiled joked sobbed shrugged nodded murmured muttered screamed yelled answered "
    "replied remembered remembers wondered boasted pleaded protested sighed gasped grumbled "
    "souvient hésite"
)
# French reporting verbs, present and past participle ("explique", "a précisé").
FRENCH_SPEECH_VERBS = word_set("""
    dit dire déclare déclaré explique expliqué raconte raconté précise précisé ajoute ajouté
    affirme affirmé confie confié souligne souligné estime estimé assure assuré indique
    indiqué annonce annoncé insiste insisté répond répondu rappelle rappelé prévient prévenu
    lance lancé poursuit poursuivi témoigne témoigné reconnaît reconnu déplore déploré
    regrette regretté résume résumé promet promis juge jugé qualifie qualifié réjoui
    réjouit exclamé écrié félicité inquiété interrogé demandé demande
    glisse glissé rétorque rétorqué salue salué soupire soupiré plaisante plaisanté
    conclut conclu observe observé commente commenté renchérit renchéri ironise ironisé
    avoue avoué dénonce dénoncé martèle martelé sourit réclame réclamé exige exigé
    lâche lâché tranche tranché
    """)
SPEECH_VERBS |= FRENCH_SPEECH_VERBS
# What stands between a French subject and its verb: "X a précisé", "X l'a expliqué".
FRENCH_AUXILIARIES = word_set("a ont avait avaient aurait l'a l’a lui leur se s'est s’est en est")
# "explique-t-elle", "dit-il", "a-t-elle": a verb with its subject pronoun after it.
INVERTED_RE = re.compile(
    r"^(?:[sl]['’])?(\w+)-(?:t-)?(?:il|elle|ils|elles|on)$", re.IGNORECASE
)  # "s'est-il félicité": "est", then the verb
# Nouns of speech that take their speaker as a possessive: "after Aliyev's claim that".
SPEECH_NOUNS = word_set(
    "claim claims statement statements remark remarks words promise pledge assertion warning "
    "comment comments insistence call appeal complaint complaints question answer reply plea "
    "message request demand protest explanation admission confession verdict assessment advice"
)
# Possessive determiners before a role: "said their conductor", "s'est réjoui son gardien".
DETERMINERS = word_set("his her their its our my son sa ses leur leurs notre")
# Words that may stand between a subject and its verb: "Smith also said", "he has told".
AUXILIARIES = word_set(
    "also later earlier then further again previously recently once reportedly allegedly "
    "has have had was were is are would will could had just simply"
)
PRONOUNS = word_set("he she they we i it il elle ils elles lui")
# Pronouns that may stand for one person named before; "it", "they" and "we" never do.
PERSON_PRONOUNS = word_set("he she il elle lui")
# Function words that end a subject phrase when walking back from the verb.
FUNCTION_WORDS = word_set("""
    that which who whom whose and but or nor while when where as after before since because if
    though although so yet in on at by from into with without for about over under between
    against during through across among toward towards upon via per than like there this these
    those his her its their our my your not to of near outside inside around beyond
    """)
# Small words that may sit inside a name between capitalised words: "Ministry of
# Roads in Example Town", "Ministry of the Interior", "Jean de la Fontaine".
CONNECTORS = word_set("of in for on and the de du des la le al el bin ibn van von der")
# Offices and ranks written before a name: part of the description, not the name.
OFFICES = word_set("""
    president vice-president minister prime premier chancellor king queen prince princess pope
    patriarch catholicos archbishop bishop cardinal general gen colonel col major maj lieutenant
    lt captain capt commander admiral adm marshal sergeant sgt governor gov mayor senator sen
    ambassador envoy secretary spokesman spokeswoman spokesperson chairman chairwoman chair
    director chief deputy head judge justice prosecutor ombudsman professor prof
    commissioner representative adviser advisor aide leader emir sheikh sultan imam rabbi
    reverend rev vice ayatollah
    """)
# Occupations, which stand before a name as an office does ("Villager Sona Arakelyan"),
# and, capitalised at a sentence's start, are no part of it.
OCCUPATIONS = word_set("""
    villager farmer teacher engineer mason priest nurse doctor student driver shepherd
    journalist reporter correspondent photographer activist historian analyst economist
    lawyer resident refugee volunteer worker builder soldier veteran pensioner shopkeeper
    baker miner guide architect officer researcher coach councillor councilor curator
    weaver fisherman producer inspector contractor official winemaker vintner grower
    trader vendor owner manager librarian principal retiree soprano tenor singer conductor
    moderator stationmaster coordinator electrician agricultrice agriculteur tisserand
    directeur directrice gardien commissaire ingénieur bibliothécaire retraité retraitée
    """)
TITLES = OFFICES | OCCUPATIONS
# Words after which a name is a place or an object, never the one who speaks.
PREPOSITIONS = word_set(
    "in to at from near into toward towards for on by with through across outside inside "
    "around via over under between beyond"
)
# Forms of address that are neither name nor role.
HONORIFICS = word_set("mr mrs ms miss dr mme mlle sir m docteur docteure")
# A phrase ending in one of these names an institution even when written in lower
# case ("the defence ministry said"); it is then the speaker.
BODIES = word_set(
    "ministry government army office agency committee council service parliament administration "
    "embassy authorities police military presidency kremlin command department court "
    "commission union association cooperative co-operative municipality institute foundation "
    "authority "
    "society federation organisation organization company centre center bureau inspectorate "
    "directorate prefecture chamber museum hospital university library theatre "
    "ministère gouvernement mairie parquet comité conseil coopérative agence préfecture "
    "ambassade fédération syndicat municipalité compagnie société entreprise direction domaine"
)
# Words that end the name of a news outlet ("Highland Radio", "Caspian Wire"): such a
# name is told things, and is never a person a pronoun stands for.
OUTLETS = word_set(
    "radio tv television wire news times post herald gazette courier courrier mirror review "
    "observer tribune ledger journal chronicle daily weekly quarterly magazine"
)
# French articles elided onto their noun: "L'Association", "l’importateur".
ELIDED_RE = re.compile(r"^[LlDd]['’](?=\w)")
# Capitalised words that open sentences and are never part of a name.
CAPITALISED_STOPS = word_set(
    "the a an in on at by for from to with but and or as after before since while when if "
    "according this that these those his her its their our there then however meanwhile "
    "also yet so one i "
    "pour selon dans avec sans sur chez par après avant depuis pendant entre vers malgré à"
)
# People named by what they are, often opening a sentence ("Residents said"): a
# capital there makes no name.
GROUP_NOUNS = word_set(
    "residents officials witnesses villagers locals soldiers refugees protesters analysts "
    "experts observers sources diplomats critics doctors rescuers journalists reporters "
    "activists inhabitants survivors relatives neighbours neighbors volunteers farmers "
    "worshippers worshipers pilgrims priests monks workers"
)
# What a capitalised word may be without being part of a name, lower-cased, in one set.
NOT_NAME_WORDS = TITLES | HONORIFICS | CAPITALISED_STOPS | MONTHS_AND_WEEKDAYS
# Articles and numbers that bring in someone the document has not named: "A man said".
ARTICLES_INDEFINITE = word_set("a an un une one")
# "For Sargsyan, the year ...", "Pour X, l'essentiel est ailleurs": who the sentence is about.
TOPIC_WORDS = word_set("for pour")
