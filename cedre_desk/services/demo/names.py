"""Words for the demonstration register: regions, towns, invented names and finding texts.

Regions are the federation's regional branches named in its activity reports; departments
and towns are real places, so a demo company sits somewhere plausible. Every company, person
and text built from these lists is invented: the surnames say so ("Exemple", "Fictif"...),
e-mail addresses are under example.org, and no real member's name is used (the demo gives
companies suspensions and refusals that must never be read as facts about a real member).
"""

from __future__ import annotations

import unicodedata

from cedre_desk.audits.vocabulary import FindingLevel, LegalType

# (region, weight in the membership, ((department, (towns...)), ...))
REGIONS: tuple[tuple[str, int, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("Aquitaine", 6, (
        ("24", ("Périgueux", "Bergerac", "Sarlat-la-Canéda")),
        ("33", ("Bordeaux", "Libourne", "Mérignac", "Langon")),
        ("40", ("Mont-de-Marsan", "Dax")),
        ("47", ("Agen", "Villeneuve-sur-Lot", "Marmande")),
        ("64", ("Pau", "Bayonne", "Oloron-Sainte-Marie")),
    )),
    ("Auvergne", 3, (
        ("03", ("Moulins", "Montluçon", "Vichy")),
        ("15", ("Aurillac", "Saint-Flour")),
        ("43", ("Le Puy-en-Velay", "Brioude")),
        ("63", ("Clermont-Ferrand", "Ambert", "Thiers", "Issoire")),
    )),
    ("Basse-Normandie", 3, (
        ("14", ("Caen", "Lisieux", "Bayeux")),
        ("50", ("Saint-Lô", "Cherbourg-en-Cotentin", "Avranches")),
        ("61", ("Alençon", "Argentan", "Flers")),
    )),
    ("Bretagne", 6, (
        ("22", ("Saint-Brieuc", "Lannion", "Dinan")),
        ("29", ("Quimper", "Brest", "Morlaix")),
        ("35", ("Rennes", "Saint-Malo", "Fougères")),
        ("56", ("Vannes", "Lorient", "Pontivy")),
    )),
    ("Centre-Limousin", 6, (
        ("18", ("Bourges", "Vierzon")),
        ("28", ("Chartres", "Dreux")),
        ("36", ("Châteauroux", "Issoudun")),
        ("37", ("Tours", "Chinon")),
        ("41", ("Blois", "Vendôme")),
        ("45", ("Orléans", "Montargis", "Saint-Jean-de-la-Ruelle")),
        ("19", ("Tulle", "Brive-la-Gaillarde")),
        ("23", ("Guéret", "Aubusson")),
        ("87", ("Limoges", "Saint-Junien")),
    )),
    ("Franche-Comté", 3, (
        ("25", ("Besançon", "Montbéliard", "Pontarlier")),
        ("39", ("Lons-le-Saunier", "Dole")),
        ("70", ("Vesoul", "Lure")),
        ("90", ("Belfort",)),
    )),
    ("Haute-Normandie", 3, (
        ("27", ("Évreux", "Vernon", "Louviers")),
        ("76", ("Rouen", "Le Havre", "Dieppe", "Bolbec")),
    )),
    ("Île-de-France", 12, (
        ("75", ("Paris",)),
        ("77", ("Melun", "Meaux")),
        ("78", ("Versailles", "Mantes-la-Jolie", "Les Mureaux")),
        ("91", ("Évry-Courcouronnes", "Corbeil-Essonnes")),
        ("92", ("Nanterre", "Gennevilliers")),
        ("93", ("Saint-Denis", "Montreuil", "Bobigny")),
        ("94", ("Créteil", "Vitry-sur-Seine")),
        ("95", ("Cergy", "Argenteuil", "Sarcelles")),
    )),
    ("Midi-Pyrénées", 6, (
        ("09", ("Foix", "Pamiers")),
        ("12", ("Rodez", "Millau")),
        ("31", ("Toulouse", "Muret", "Saint-Gaudens")),
        ("32", ("Auch",)),
        ("46", ("Cahors", "Figeac")),
        ("65", ("Tarbes", "Lourdes")),
        ("81", ("Albi", "Castres")),
        ("82", ("Montauban", "Castelsarrasin")),
    )),
    ("Nord-Pas-de-Calais", 7, (
        ("59", ("Lille", "Roubaix", "Valenciennes", "Dunkerque", "Maubeuge")),
        ("62", ("Arras", "Lens", "Boulogne-sur-Mer", "Calais")),
    )),
    ("PACA-Corse", 7, (
        ("04", ("Digne-les-Bains", "Manosque")),
        ("05", ("Gap", "Briançon")),
        ("06", ("Nice", "Cannes", "Grasse")),
        ("13", ("Marseille", "Aix-en-Provence", "Salon-de-Provence", "Istres", "Arles")),
        ("83", ("Toulon", "Draguignan", "Brignoles")),
        ("84", ("Avignon", "Carpentras", "Cavaillon")),
        ("2A", ("Ajaccio", "Porto-Vecchio")),
        ("2B", ("Bastia", "Corte")),
    )),
    ("Pays de la Loire", 6, (
        ("44", ("Nantes", "Saint-Nazaire")),
        ("49", ("Angers", "Cholet", "Saumur")),
        ("53", ("Laval", "Mayenne")),
        ("72", ("Le Mans", "La Flèche")),
        ("85", ("La Roche-sur-Yon", "Les Sables-d'Olonne")),
    )),
    ("Poitou-Charentes", 4, (
        ("16", ("Angoulême", "Cognac")),
        ("17", ("La Rochelle", "Saintes", "Rochefort")),
        ("79", ("Niort", "Bressuire")),
        ("86", ("Poitiers", "Châtellerault")),
    )),
    ("Rhône-Alpes", 9, (
        ("01", ("Bourg-en-Bresse", "Oyonnax")),
        ("07", ("Privas", "Annonay", "Aubenas")),
        ("26", ("Valence", "Montélimar", "Romans-sur-Isère")),
        ("38", ("Grenoble", "Vienne", "Voiron")),
        ("42", ("Saint-Étienne", "Roanne")),
        ("69", ("Lyon", "Villeurbanne", "Vénissieux", "Villefranche-sur-Saône")),
        ("73", ("Chambéry", "Albertville")),
        ("74", ("Annecy", "Annemasse", "Thonon-les-Bains")),
    )),
    ("La Réunion-Mayotte", 2, (
        ("974", ("Saint-Denis", "Saint-Pierre", "Le Port", "Saint-Paul")),
        ("976", ("Mamoudzou",)),
    )),
    ("Guadeloupe", 1, (("971", ("Pointe-à-Pitre", "Basse-Terre", "Les Abymes")),)),
    ("Guyane", 1, (("973", ("Cayenne", "Saint-Laurent-du-Maroni", "Kourou")),)),
    ("Martinique", 1, (("972", ("Fort-de-France", "Le Lamentin")),)),
)

# Member company types at 31 Dec 2015 (DOMAIN.md), out of 530; ETTI/ETT ESS split 40/10.
TYPE_COUNTS: tuple[tuple[LegalType, int], ...] = (
    (LegalType.AI, 292),
    (LegalType.ACI, 90),
    (LegalType.ETTI, 40),
    (LegalType.ETT_ESS, 10),
    (LegalType.EI, 25),
    (LegalType.GES, 22),
    (LegalType.OSP, 28),
    (LegalType.OTHER, 23),
)

# A second legal type some companies carry ("AI et ETTI", "EI-ACI"): (first, second, share).
SECOND_TYPES: tuple[tuple[LegalType, LegalType, float], ...] = (
    (LegalType.AI, LegalType.ETTI, 0.10),
    (LegalType.EI, LegalType.ACI, 0.20),
    (LegalType.ACI, LegalType.EI, 0.05),
    (LegalType.OSP, LegalType.AI, 0.10),
)

FIRST_NAMES = (
    "Camille", "Dominique", "Claude", "Sacha", "Alix", "Maxime", "Morgan", "Lou", "Noa",
    "Charlie", "Éden", "Andréa", "Louise", "Jeanne", "Alice", "Margaux", "Inès", "Chloé",
    "Léa", "Manon", "Sarah", "Nadia", "Fatou", "Mélanie", "Sandrine", "Hélène", "Martine",
    "Sophie", "Aurélie", "Julie", "Paul", "Louis", "Hugo", "Lucas", "Karim", "Mamadou",
    "Thomas", "Nicolas", "Julien", "Pierre", "Olivier", "Bruno", "Yannick", "Patrick",
    "Mathieu", "Antoine", "Mehdi", "Rémi", "Théo", "Gilles",
)
# Surnames nobody carries by chance: they say the person is invented.
FICTITIOUS_SURNAMES = (
    "Exemple", "Fictif", "Démo", "Modèle", "Témoin", "Spécimen", "Essai", "Maquette",
    "Échantillon", "Prototype", "Pseudonyme", "Anonyme", "Imaginaire", "Supposé",
)

# Words for invented company names.
NAME_WORDS = (
    "Tremplin", "Passerelle", "Relais", "Horizon", "Envol", "Élan", "Boussole", "Escale",
    "Ancrage", "Cap", "Levier", "Rebond", "Trait d'Union", "Sésame", "Phare", "Étape",
    "Agora", "Archipel", "Alliance", "Essor", "Renfort", "Atout", "Déclic", "Parcours",
    "Sillage", "Sillon", "Entraide", "Partage", "Avenir", "Initiatives", "Réseau",
    "Chemins", "Horizons", "Racines", "Tisserands", "Bâtisseurs", "Semeurs", "Atelier",
)
# Rivers of each region, for "du Val de Loire" names (none where the phrase would not fit).
RIVERS: dict[str, tuple[str, ...]] = {
    "Aquitaine": ("Garonne", "Dordogne", "Adour", "Lot", "Isle"),
    "Auvergne": ("Allier", "Dore", "Sioule", "Alagnon"),
    "Basse-Normandie": ("Orne", "Vire", "Touques", "Sée"),
    "Bretagne": ("Vilaine", "Rance", "Blavet", "Aulne", "Odet"),
    "Centre-Limousin": ("Loire", "Cher", "Indre", "Creuse", "Vienne", "Loir", "Corrèze"),
    "Franche-Comté": ("Doubs", "Loue", "Ognon", "Saône"),
    "Haute-Normandie": ("Seine", "Eure", "Risle", "Andelle"),
    "Île-de-France": ("Seine", "Marne", "Oise", "Essonne", "Yerres"),
    "Midi-Pyrénées": ("Garonne", "Tarn", "Lot", "Aveyron", "Ariège", "Gers", "Save"),
    "Nord-Pas-de-Calais": ("Scarpe", "Lys", "Sambre", "Canche", "Deûle"),
    "PACA-Corse": ("Durance", "Var", "Verdon", "Huveaune", "Golo"),
    "Pays de la Loire": ("Loire", "Sarthe", "Mayenne", "Erdre", "Sèvre", "Loir"),
    "Poitou-Charentes": ("Charente", "Vienne", "Sèvre", "Clain", "Boutonne"),
    "Rhône-Alpes": ("Rhône", "Isère", "Drôme", "Saône", "Ain", "Arve", "Ardèche"),
    "Guyane": ("Maroni", "Mahury", "Oyapock"),
}
THEMES = (
    "Jardins", "Espaces verts", "Bâtiment", "Recyclerie", "Ressourcerie", "Maraîchage",
    "Couture", "Menuiserie", "Restauration", "Rivières", "Cycles", "Textile", "Patrimoine",
    "Propreté", "Bois", "Éco-construction",
)

# Templates per legal type: {w} a word, {t} the town, {de_t} "de Tours", "d'Angers",
# "du Mans"; {val} "Val de Loire", "Val d'Allier" (a river of the region); {d} the
# department; {th} a theme.
NAME_TEMPLATES: dict[LegalType, tuple[str, ...]] = {
    LegalType.AI: (
        "Association intermédiaire {w} {t}", "Association Intermédiaire du {val}",
        "{w} Emploi {t}", "AI {w} {d}", "Solidarité Emploi {t}", "{w} Services du {val}",
        "Partage Travail {t}", "Emplois solidaires du {val}", "AI du Pays {de_t}",
    ),
    LegalType.ACI: (
        "Chantier d'insertion {th} {de_t}", "Atelier {th} {t}", "Chantier {w} du {val}",
        "Jardins {w} {de_t}", "Ressourcerie {w} {t}", "Chantier {th} du {val}",
    ),
    LegalType.ETTI: (
        "{w} Intérim {t}", "ETTI {w} {d}", "Intérim solidaire du {val}",
        "{w} Travail Temporaire {t}",
    ),
    LegalType.ETT_ESS: ("{w} Intérim Solidaire {d}", "Intérim ESS {w} {t}"),
    LegalType.EI: (
        "Entreprise d'insertion {w} {t}", "{w} Bâtiment {t}", "{w} Propreté {d}",
        "{th} {w} {t}", "EI {w} du {val}",
    ),
    LegalType.GES: (
        "GES {w} {t}", "Groupe économique solidaire {w} {d}", "Groupe {w} du {val}",
    ),
    LegalType.OSP: (
        "Proxim'Services {t}", "{w} Domicile {t}", "Services à domicile du {val}",
        "Domicile {w} {d}",
    ),
    LegalType.OTHER: (
        "Régie de quartier {w} {t}", "SCIC {w} {t}", "Groupement d'employeurs {w} {d}",
        "Coopérative {w} {t}", "EURL {w} Services {t}",
    ),
}

_VOWELS = tuple("AEIOUYÉÈÊÂÎÔH")


def of_place(name: str) -> str:
    """"de Tours", "d'Angers", "du Mans", "des Sables-d'Olonne", "de La Rochelle"."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name.startswith(_VOWELS):
        return "d'" + name
    return "de " + name


def slug(text: str) -> str:
    """`text` as it may stand in an e-mail address: "Hélène Exemple" gives "helene-exemple"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


# Finding texts per level; nonconformities come with the corrective action they call for.
FINDINGS: dict[FindingLevel, tuple[str, ...]] = {
    FindingLevel.STRENGTH: (
        "Forte implication de la direction dans la démarche qualité",
        "Accueil des salariés en parcours structuré et bien documenté",
        "Partenariats territoriaux nombreux et formalisés",
        "Suivi socioprofessionnel individualisé et tracé",
        "Bonne appropriation des procédures par l'équipe permanente",
        "Tableau de bord des indicateurs tenu à jour et analysé",
        "Enquête de satisfaction des clients exploitée et communiquée",
        "Gouvernance associative active et renouvelée",
        "Relations suivies avec les prescripteurs du territoire",
    ),
    FindingLevel.IMPROVEMENT: (
        "Formaliser le recueil des attentes des clients particuliers",
        "Mieux exploiter les résultats de l'enquête de satisfaction",
        "Associer les salariés en parcours à la revue de direction",
        "Structurer le plan de formation de l'équipe permanente",
        "Renforcer la communication externe sur le projet associatif",
        "Mesurer l'utilité sociale de la structure sur son territoire",
        "Harmoniser les fiches de poste des encadrants techniques",
        "Partager les objectifs qualité avec le conseil d'administration",
    ),
    FindingLevel.SENSITIVE: (
        "Indicateurs de suivi des parcours incomplets",
        "Revue de direction tenue mais non formalisée",
        "Traçabilité des réclamations des clients partielle",
        "Évaluation des fournisseurs et sous-traitants non réalisée",
        "Document unique d'évaluation des risques à mettre à jour",
        "Maîtrise documentaire perfectible (versions non datées)",
        "Délais de réponse aux demandes des clients non mesurés",
    ),
}
NONCONFORMITIES: dict[FindingLevel, tuple[tuple[str, str], ...]] = {
    FindingLevel.MINOR_NC: (
        ("Audit interne annuel non réalisé",
         "Planifier et réaliser l'audit interne, en transmettre le rapport"),
        ("Actions correctives précédentes non soldées dans les délais",
         "Reprendre le plan d'actions et solder chaque action avec une preuve"),
        ("Contrats de mise à disposition incomplets sur l'échantillon vérifié",
         "Compléter les contrats et contrôler un nouvel échantillon"),
        ("Entretiens de suivi des salariés en parcours non tracés",
         "Tracer chaque entretien dans l'outil de suivi"),
        ("Comptes rendus de revue de direction absents",
         "Rédiger et diffuser le compte rendu de chaque revue"),
        ("Procédure de traitement des réclamations non appliquée",
         "Rappeler la procédure à l'équipe et tenir le registre des réclamations"),
    ),
    FindingLevel.MAJOR_NC: (
        ("Absence de revue de direction depuis la dernière certification",
         "Tenir une revue de direction et en transmettre le compte rendu"),
        ("Aucun suivi des salariés en parcours sur la période auditée",
         "Reprendre le suivi individuel de chaque salarié en parcours"),
        ("Système documentaire non maintenu",
         "Remettre à jour le manuel et les procédures, puis les diffuser"),
        ("Exigences réglementaires de mise à disposition non respectées",
         "Mettre les contrats en conformité et faire vérifier un échantillon"),
        ("Plan d'actions issu du précédent audit non engagé",
         "Engager et suivre chaque action du plan, preuves à l'appui"),
    ),
}
