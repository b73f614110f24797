"""fr data: page furniture, section headings, provider and byline lines, photo credits."""

# ruff: noqa: E501  (patterns read best unbroken)

from quotidien.lang.page import PageWords, patterns

# Whole lines (or runs of them glued on one line) that are furniture, lower case.
_FURNITURE = frozenset({
    "aller au contenu principal", "aller au contenu", "aller à la navigation",
    "aller au menu", "passer au contenu", "activer le contraste adapté",
    "désactiver le contraste adapté", "contraste adapté", "taille du texte", "fermer",
    "menu", "rechercher", "recherche", "accueil", "se connecter", "connexion",
    "me connecter", "s'identifier", "mon compte", "mon espace", "s'abonner", "je m'abonne",
    "abonnez-vous", "abonné", "réservé aux abonnés", "article réservé aux abonnés",
    "partager", "partage", "partager l'article", "partager cet article", "facebook",
    "twitter", "x", "linkedin", "whatsapp", "messenger", "e-mail", "email", "imprimer",
    "envoyer", "envoyer par e-mail", "copier le lien", "lien copié", "tweeter",
    "ajouter à mes favoris", "ajouter aux favoris", "sauvegarder", "enregistrer",
    "écouter cet article", "écouter", "offrir cet article", "offrir", "commenter",
    "réagir", "signaler le commentaire", "signaler un abus", "signaler", "répondre",
    "voir plus", "voir moins", "afficher plus", "charger plus", "lire plus",
    "lire la suite", "voir la suite", "publicité", "pub", "retour en haut",
    "haut de page", "précédent", "suivant", "tout accepter", "tout refuser",
    "accepter", "refuser", "continuer sans accepter", "paramétrer les cookies",
    "personnaliser", "accepter et fermer", "j'accepte", "newsletter", "newsletters",
    "s'inscrire", "je m'inscris", "inscrivez-vous", "valider", "ok", "j'ai compris",
    "en savoir plus", "voir les commentaires", "afficher les commentaires",
    "masquer les commentaires", "suivre", "suivez-nous", "télécharger l'application",
    "mode sombre", "mode clair", "podcasts", "vidéos", "direct", "en direct",
    "le direct", "à la une", "une", "mentions légales", "cgu", "contact",
    "nous contacter", "plan du site", "gérer mes cookies", "politique de confidentialité",
})  # fmt: skip

_STOP_WORDS = frozenset({
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "que", "qui",
        "dans", "pour", "pas", "sur", "au", "aux", "avec", "il", "elle", "ce", "se", "ne",
})  # fmt: skip

WORDS = PageWords(
    furniture=_FURNITURE,
    furniture_patterns=patterns(
        r"^partager (sur|par|via)\b",
        r"^(suivez|retrouvez|rejoignez)[- ]nous\b",
        r"\bcookies?\b.*\b(accept|consent|navigation|partenaires|paramétr)",
        r"^(inscrivez-vous|abonnez-vous|recevez)\b.*\b(newsletter|lettre d['’]information|alertes?)\b",
        r"^(cet article|ce contenu) (est )?réservé aux abonnés",
        r"^(il vous reste|vous avez lu) \d+",
        r"^(temps de lecture|lecture)\s*:?\s*\d+\s*min",
        r"^\d+\s*min(utes?)? de lecture$",
        r"^(crédit|crédits) photos?$",
        r"^(vidéo|photo|diaporama|infographie|audio)\s*:?$",
        r"^(publicité|annonce)\b.{0,20}$",
        r"^votre navigateur ne (prend|supporte)",
        r"^(activez|activer) (le )?javascript",
    ),
    comments_heading=patterns(
        r"^(?P<count>\d+)\s+(commentaires?|réactions?|contributions?)\s*:?$",
        r"^(les |vos |nos )?(commentaires?|réactions?)\s*(\(\s*(?P<count>\d+)\s*\))?\s*:?$",
        r"^(voir|afficher|lire) (les |tous les )?(?P<count>\d+)?\s*(commentaires?|réactions?)$",
        r"^(réagir|réagissez|commenter|commentez)\s*(\(\s*(?P<count>\d+)\s*\))?\s*:?$",
        r"^(réagissez|laisser un commentaire|ajouter un commentaire|écrire un commentaire)\b.{0,40}$",
    ),
    teasers_heading=patterns(
        r"^(à|a) lire (aussi|également|ensuite)\s*:?$",
        r"^lire (aussi|également)\s*:?$",
        r"^(sur le même (sujet|thème)|dans la même rubrique|du même auteur)\s*:?$",
        r"^(articles?|contenus?|sujets?) (similaires|associés|liés|recommandés|suggérés)\s*:?$",
        r"^(vous (aimerez|pourriez aimer|aimerez aussi)|nous vous recommandons|nos recommandations)\b.{0,20}$",
        r"^(les (articles )?plus (lus|partagés|commentés)|les plus populaires|à la une)\s*:?$",
        r"^(voir|lire) (aussi|plus)\s*:?$",
        r"^(dernières (actualités|infos|dépêches)|l['’]actualité en continu)\s*:?$",
    ),
    provider_patterns=patterns(
        r"^information fournie par (?P<provider>.+?)$",
        r"^(source|sources|avec)\s*:?\s*(?P<provider>[\w '.&-]{2,60})$",
        r"^\(?\s*(?P<provider>[\w'’ .-]{2,40} avec (l['’])?(AFP|Reuters|AP|Agence France-Presse|Media Services))\s*\)?$",
        r"^\(?(?P<provider>AFP|Reuters|AP|Agence France-Presse|Relaxnews|Belga|ATS|Keystone-ATS|APM)\)?$",
        r"^publié par (?P<provider>.+)$",
    ),
    byline_patterns=patterns(
        r"^par\s+(?P<author>[^\d:;|]{3,120}?)$",
        r"^(propos recueillis|texte|rédigé|rédaction) par\s+(?P<author>[^\d:;|]{3,120}?)$",
        r"^(auteur|auteurs|signé)\s*:\s*(?P<author>[^\d:;|]{3,120}?)$",
    ),
    stop_words=_STOP_WORDS,
    credit_patterns=patterns(
        r"^(?P<caption>.*?)[\s.,;]*\(?\s*(crédits?(\s+photos?)?|photos?|illustration)\s*:\s*(?P<credit>[^()]{2,80}?)\s*\)?$",
        r"^(?P<caption>.*?)\s*\(\s*(photo|illustration)\s+(?P<credit>[^()]{2,80}?)\s*\)$",
    ),
    caption_markers=patterns(r"^(légende|en photo|ci-dessus|ci-contre)\s*:\s*"),
    updated_labels=patterns(
        r"mis à jour|mise à jour|actualisé|modifié|màj|maj\s*:|dernière mise à jour"
    ),
    trailer_patterns=patterns(
        r"^(avec|source)\s*:?\s*\(?\s*(AFP|Reuters|AP|Belga|ATS)\s*\)?\.?$",
        r"^\(?(avec|source)\s+(AFP|Reuters|AP|Belga|ATS|agences?)\)?\.?$",
        r"^(édité|rédigé|traduit|relu) par\b.{0,80}$",
        r"^(©|copyright)\s*.{0,80}$",
        r"^(tous )?droits (de reproduction )?réservés\b.{0,60}$",
        r"^(vous avez (aimé|apprécié) cet article|cet article vous a plu)\b",
    ),
    inline_teaser_patterns=patterns(
        r"^(?:à |a )?lire (?:aussi|également)\s*(?:[:|–—-]\s*)?(?P<title>\S.{8,})$",
        r"^(?:voir|écouter|regarder|relire) aussi\s*(?:[:|–—-]\s*)?(?P<title>\S.{8,})$",
        r"^(?:à |a )?lire\s*[:|]\s*(?P<title>\S.{8,})$",
        r"^(?:notre|nos) (?:article|décryptage|enquête|récit|reportage)s?\s*[:|]\s*(?P<title>\S.{8,})$",
    ),
    read_more=patterns(r"\s*(?:\.{3}|…)?\s*(lire la suite|lire plus|voir la suite)\s*[.…]*$"),
    end_headings=patterns(
        r"^(newsletters?|services|mentions légales|nous contacter|plan du site|à propos)$",
        r"^services\b.{0,30}$",
        r"^(suivez-nous|nous suivre|retrouvez-nous)\b.{0,30}$",
        r"^(mots-clés|mots clés|thèmes|sujets associés)\s*:?$",
        r"^(le groupe|nos sites|nos services|nos partenaires|nos offres)\s*:?$",
    ),
)
