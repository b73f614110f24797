"""fr data: quotes (cue verbs, inversion, pronouns, titles and roles)."""

from quotidien.lang.quotes import QuoteWords, word_set

_DECADES = {
    "trentenaire": 30,
    "quadragénaire": 40,
    "quinquagénaire": 50,
    "sexagénaire": 60,
    "septuagénaire": 70,
    "octogénaire": 80,
    "nonagénaire": 90,
}
_AGES = frozenset(_DECADES)


def _genders(text: str) -> dict[str, str]:
    """ "éleveur:m éleveuse:f" -> {"éleveur": "m", "éleveuse": "f"}."""
    return dict(item.split(":") for item in text.split())


WORDS = QuoteWords(
    cue_verbs=word_set(
        """
        dire affirmer estimer assurer ajouter déclarer souligner réjouir appeler
        expliquer indiquer préciser annoncer confier raconter rappeler répéter
        répondre poursuivre insister juger considérer penser croire démentir nier
        reconnaître admettre avertir prévenir promettre dénoncer déplorer regretter
        inquiéter commenter marteler lancer réclamer demander exhorter plaider
        accuser confirmer observer noter relever constater conclure avouer écrire
        tweeter signaler alerter protester exclamer soutenir prétendre espérer
        craindre redouter interroger répliquer rétorquer objecter glisser lâcher
        résumer détailler menacer avancer argumenter justifier féliciter saluer
        défendre certifier garantir jurer témoigner révéler dévoiler raconter
        admettre concéder reprocher fustiger réagir renchérir nuancer ironiser
        indigner étonner agacer insurger alarmer tempérer trancher abonder enchaîner
        clamer proclamer souffler murmurer rapporter mentionner railler tancer
        informer prédire pronostiquer rassurer évoquer scander requérir
        """
    ),
    # "fait" as the tagger's noun too ("Matignon, de son côté, fait savoir que …")
    cue_phrases=frozenset(
        {("faire", "savoir"), ("faire", "valoir"), ("fait", "savoir"), ("fait", "valoir")}
    ),
    predicative_cues=word_set("juger estimer"),
    infinitive_content_cues=word_set(
        """
        dire affirmer assurer estimer reconnaître nier démentir craindre
        promettre jurer prétendre admettre avouer déclarer
        raconter expliquer indiquer confirmer préciser regretter répéter
        """
    ),
    object_infinitive_cues=word_set(
        """
        appeler exhorter inviter demander enjoindre sommer prier encourager
        """
    ),
    cue_prepositions=(("selon",), ("d'", "après"), ("d’", "après"), ("d'après",)),
    opinion_prepositions=(("pour",),),
    hearsay_verbs=frozenset({"apprendre"}),
    noun_tagged_cues=frozenset({"juge"}),
    impersonal_pronouns=frozenset({"-on", "-t-on"}),
    unnamed_subjects=frozenset({"on"}),
    source_links=(
        *(("auprès", link) for link in ("de", "du", "des", "d'", "d’")),
        *(("du", "côté", link) for link in ("de", "du", "des", "d'", "d’")),
        *(("côté", link) for link in ("de", "du", "des", "d'", "d’")),
        ("chez",),
    ),
    place_links=tuple((link,) for link in ("à", "au", "aux", "dans", "de", "du", "d'", "d’")),
    source_nouns=word_set("source sources entourage camp"),
    fillers=frozenset(
        {"je crois", "je pense", "vous savez", "tu sais", "tu vois", "vous voyez", "je dirais"}
    ),
    inverted_incise_only=True,
    any_verb_incise=True,
    verb_endings=(("e", "er"), ("é", "er"), ("it", "ire"), ("i", "ir")),
    complementizers=frozenset({"que", "qu'", "qu’", "si", "s'", "combien", "comment"}),
    infinitive_markers=frozenset({"à", "de", "d'", "d’"}),
    content_openers=frozenset({":", "d'", "d’", "de", "du", "des"}),
    gerund_markers=frozenset({"en"}),
    pronouns={
        "il": "m",
        "elle": "f",
        "ils": "p",
        "elles": "p",
        "eux": "p",
        "on": "n",
        "lui": "m",
        "celui-ci": "m",
        "celle-ci": "f",
    },
    impersonal_verbs={"falloir": "", "agir": "s'", "avoir": "y"},
    expletive_subjects=frozenset({"il", "ce", "c'", "cela", "ça"}),
    personal_passive_cues=False,
    demonstrative_subjects=frozenset({"ce", "c'", "cela", "ça"}),
    relative_pronouns=frozenset({"qui"}),
    person_relatives=frozenset({"qui"}),
    inverted_pronouns={
        "-il": "m",
        "-elle": "f",
        "-ils": "p",
        "-elles": "p",
        "-on": "n",
        "-t-il": "m",
        "-t-elle": "f",
        "-t-on": "n",
    },
    titles={
        "président": "m",
        "présidente": "f",
        "vice-président": "m",
        "vice-présidente": "f",
        "ministre": "n",
        "porte-parole": "n",
        "général": "m",
        "générale": "f",
        "chef": "n",
        "cheffe": "f",
        "secrétaire": "n",
        "directeur": "m",
        "directrice": "f",
        "maire": "n",
        "sénateur": "m",
        "sénatrice": "f",
        "député": "m",
        "députée": "f",
        "ambassadeur": "m",
        "ambassadrice": "f",
        "chancelier": "m",
        "chancelière": "f",
        "roi": "m",
        "reine": "f",
        "pape": "m",
        "dirigeant": "m",
        "dirigeante": "f",
        "patron": "m",
        "patronne": "f",
        "commissaire": "n",
        "gouverneur": "m",
        "juge": "n",
        "procureur": "m",
        "procureure": "f",
        "avocat": "m",
        "avocate": "f",
        "candidat": "m",
        "candidate": "f",
        "conseiller": "m",
        "conseillère": "f",
        "responsable": "n",
        "pdg": "n",
        "fondateur": "m",
        "fondatrice": "f",
        "colonel": "m",
        "amiral": "m",
        "prince": "m",
        "princesse": "f",
        "homologue": "n",
        "premier": "m",
        "première": "f",
        "émir": "m",
        "chercheur": "m",
        "chercheuse": "f",
        "économiste": "n",
        "professeur": "m",
        "professeure": "f",
        "syndicaliste": "n",
        "préfet": "m",
        "préfète": "f",
        "entraîneur": "m",
        "sélectionneur": "m",
        "présentateur": "m",
        "présentatrice": "f",
        "entraîneuse": "f",
        "sélectionneuse": "f",
        "capitaine": "n",
        "attaquant": "m",
        "attaquante": "f",
        "défenseur": "m",
        "défenseure": "f",
        "gardien": "m",
        "gardienne": "f",
        "joueur": "m",
        "joueuse": "f",
        "élu": "m",
        "élue": "f",
        "édile": "n",
        "parlementaire": "n",
        "militant": "m",
        "militante": "f",
        "opposant": "m",
        "opposante": "f",
        "politologue": "n",
        "sociologue": "n",
        "historien": "m",
        "historienne": "f",
        "analyste": "n",
        "médecin": "n",
        "docteur": "m",
        "docteure": "f",
        "praticien": "m",
        "praticienne": "f",
        "chirurgien": "m",
        "chirurgienne": "f",
        "urgentiste": "n",
        "soignant": "m",
        "soignante": "f",
        "magistrat": "m",
        "magistrate": "f",
        "enquêteur": "m",
        "enquêtrice": "f",
        "écrivain": "m",
        "écrivaine": "f",
        "réalisateur": "m",
        "réalisatrice": "f",
        "chanteur": "m",
        "chanteuse": "f",
        "acteur": "m",
        "actrice": "f",
        "pompier": "m",
        "policier": "m",
        "policière": "f",
        "gendarme": "n",
        "officier": "m",
        "secouriste": "n",
        "témoin": "n",
        "habitant": "m",
        "habitante": "f",
        "riverain": "m",
        "riveraine": "f",
        "expert": "m",
        "experte": "f",
        "salarié": "m",
        "salariée": "f",
        "membre": "n",
        "manifestant": "m",
        "manifestante": "f",
        # people met in a report, named by what they are to it
        "proche": "n",
        "voisin": "m",
        "voisine": "f",
        "voyageur": "m",
        "voyageuse": "f",
        "passager": "m",
        "passagère": "f",
        "usager": "m",
        "locataire": "n",
        "hôte": "n",
        "commerçant": "m",
        "commerçante": "f",
        "agriculteur": "m",
        "agricultrice": "f",
        "enseignant": "m",
        "enseignante": "f",
        "infirmier": "m",
        "infirmière": "f",
        "retraité": "m",
        "retraitée": "f",
        "étudiant": "m",
        "étudiante": "f",
        "élève": "n",
        "collègue": "n",
        "collaborateur": "m",
        "collaboratrice": "f",
        "observateur": "m",
        "observatrice": "f",
        "spécialiste": "n",
        "diplomate": "n",
        "fonctionnaire": "n",
        "employé": "m",
        "employée": "f",
        "ouvrier": "m",
        "ouvrière": "f",
        "cheminot": "m",
        "cheminote": "f",
        "représentant": "m",
        "représentante": "f",
        "négociateur": "m",
        "négociatrice": "f",
        "délégué": "m",
        "déléguée": "f",
        "consultant": "m",
        "consultante": "f",
        "technicien": "m",
        "technicienne": "f",
        "coach": "n",
        "buteur": "m",
        "buteuse": "f",
        "pilote": "n",
        # trades met in reports on farming, industry and shops
        **_genders(
            "éleveur:m éleveuse:f exploitant:m exploitante:f paysan:m paysanne:f producteur:m "
            "productrice:f viticulteur:m viticultrice:f maraîcher:m maraîchère:f pêcheur:m "
            "pêcheuse:f artisan:m artisane:f boulanger:m boulangère:f chauffeur:m "
            "chauffeuse:f routier:m routière:f syndicaliste:n gérant:m gérante:f"
        ),
        **dict.fromkeys(_AGES, "n"),  # "le quinquagénaire", an epithet too (below)
    },
    generic_roles={
        role: word_set("maire député députée sénateur sénatrice édile")
        for role in ("élu", "élue", "parlementaire")
    }
    | {"édile": word_set("maire")}
    | {
        role: word_set("entraîneur entraîneuse sélectionneur sélectionneuse")
        for role in ("technicien", "technicienne", "coach")
    }
    | {
        role: word_set("pdg directeur directrice président présidente fondateur fondatrice")
        for role in ("dirigeant", "dirigeante", "patron", "patronne")
    }
    | {
        role: word_set("juge procureur procureure substitut substitute présidente président")
        for role in ("magistrat", "magistrate")
    }
    | {
        role: word_set(
            "médecin docteur docteure chirurgien chirurgienne urgentiste pédiatre psychiatre "
            "anesthésiste cardiologue généraliste"
        )
        for role in ("praticien", "praticienne")
    }
    | {
        role: word_set("infirmier infirmière aide-soignant aide-soignante médecin sage-femme")
        for role in ("soignant", "soignante")
    },
    rank_words=frozenset({"premier", "vice"}),
    people_endings=(
        *("ais", "ois", "ains", "aines", "iens", "iennes", "éens", "éennes", "ands"),
        # Russes, Britanniques, Tchèques, Grecs, Espagnols, Croates, Yéménites ("ges" would
        # take the Vosges)
        *("sses", "iques", "ques", "cs", "ols", "ates", "ites"),
    ),
    honorifics={"m.": "m", "mme": "f", "mlle": "f", "mgr": "m", "dr": "n", "me": "n"},
    organisation_nouns=word_set(
        """
        ministère gouvernement parti armée commission conseil agence entreprise
        société groupe police gendarmerie parquet tribunal cour ambassade présidence
        mairie préfecture syndicat comité fédération association banque institut
        office autorité administration diplomatie état-major kremlin élysée exécutif
        opposition direction confédération union matignon bercy beauvau
        """
    ),
    determiners=frozenset({"le", "la", "l'", "l’", "les", "son", "sa", "leur", "ce", "cette"}),
    indefinite_articles=frozenset({"un", "une"}),
    not_names=word_set(
        """
        fermer lire partager commenter signaler menu accueil newsletter connexion
        abonnez-vous s'abonner publicité défense suite propos entretien
        lundi mardi mercredi jeudi vendredi samedi dimanche
        """
    ),
    role_links=frozenset({"de", "du", "des", "d'", "d’", "la", "l'", "l’", "à", "au", "aux"}),
    portfolio_links=frozenset({"à", "au", "aux"}),
    affiliation_links=frozenset({"de", "du", "des", "d'", "d’", "chez"}),
    narrative_infinitive=frozenset({"de", "d'", "d’"}),
    clitic_objects=frozenset({"lui", "leur"}),
    own_sourcing=frozenset({"nos", "notre"}),
    second_person=word_set("vous votre vos vôtre vôtres tu te toi ton ta tes"),
    first_person=word_set("je j me m moi mon ma mes nous notre nos"),
    epithets=word_set(
        """
        attaquant attaquante défenseur défenseure gardien gardienne joueur joueuse buteur
        buteuse capitaine technicien technicienne coach entraîneur entraîneuse
        sélectionneur sélectionneuse pilote
        """
    )
    | _AGES,
    age_epithets=_DECADES,
    name_particles=frozenset({"de", "d'", "d’", "du"}),
    age_units=frozenset({"ans"}),
    document_nouns=word_set(
        "étude rapport sondage enquête communiqué note lettre courrier document audit "
        "bilan tribune courriel plainte arrêt jugement décision"
    ),
    back_references=frozenset({"ces mots", "ces termes", "ces propos", "ces paroles"}),
    periphrases={
        **dict.fromkeys(
            ("chef de l'état", "locataire de l'élysée", "hôte de l'élysée"), ("président",)
        ),
        **dict.fromkeys(
            ("chef de la maison-blanche", "locataire de la maison-blanche"), ("président",)
        ),
        **dict.fromkeys(
            ("chef du gouvernement", "locataire de matignon", "hôte de matignon"),
            ("ministre", "premier"),
        ),
        **dict.fromkeys(("locataire de bercy", "hôte de bercy"), ("ministre", "économie")),
    },
)
