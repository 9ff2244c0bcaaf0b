"""Demo clubs: three Clubs Busin'ESS in Hauts-de-France with member structures drawn from the
demo directory, sessions over 2025–2026 (past ones with attendance and a compte rendu),
needs and offers. Idempotent: keyed by the clubs' slugs."""

import datetime

from django.db import transaction
from django.utils import timezone

from essaim.annuaire.models import Structure
from essaim.comptes.models import Utilisateur
from essaim.territoires.models import Commune

from .enums import CategorieAnnonce, SensAnnonce, StatutMembre, TypeRencontre
from .models import Annonce, Club, Contact, Filiere, Membre, Rencontre
from .reference import charger as charger_filieres

CLUBS = [
    (
        "club-reemploi-hauts-de-france",
        "Club Busin'ESS #Réemploi et économie circulaire",
        "reemploi-economie-circulaire",
        "Recycleries, ressourceries et ateliers de réparation mutualisent leurs débouchés, leurs "
        "outils et leurs réponses aux marchés publics.",
        ("Recyclerie", "Ressourcerie", "Repair"),
        "59350",
    ),
    (
        "club-alimentation-durable-hauts-de-france",
        "Club Busin'ESS #Alimentation durable",
        "alimentation-durable",
        "Épiceries solidaires, maraîchage d'insertion et restauration collective : "
        "approvisionnement local et achats groupés.",
        ("Épicerie", "Jardin", "Ferme", "Maraîch", "AMAP"),
        "80021",
    ),
    (
        "club-batiment-durable-hauts-de-france",
        "Club Busin'ESS #Bâtiment durable",
        "batiment-durable",
        "Écoconstruction, réemploi de matériaux et rénovation énergétique par les structures de l'ESS.",
        ("Bâti", "Matériaux", "Habitat", "Énergie", "Coopérative"),
        "62041",
    ),
]

RENCONTRES = [
    ("Lancement du club et tour de table", TypeRencontre.MISE_EN_RESEAU, datetime.date(2025, 3, 13), 42),
    ("Visite inspirante et témoignages", TypeRencontre.INSPIRATION, datetime.date(2025, 6, 19), 28),
    (
        "Atelier outillage : répondre aux marchés publics",
        TypeRencontre.OUTILLAGE,
        datetime.date(2025, 10, 9),
        31,
    ),
    (
        "Rencontre de rentrée : projets communs 2026",
        TypeRencontre.MISE_EN_RESEAU,
        datetime.date(2026, 2, 5),
        36,
    ),
    (
        "Atelier outillage : mutualiser la logistique",
        TypeRencontre.OUTILLAGE,
        datetime.date(2026, 12, 10),
        None,
    ),
    (
        "Inspiration : coopérer avec les collectivités",
        TypeRencontre.INSPIRATION,
        datetime.date(2027, 3, 18),
        None,
    ),
]


def _membres(mots: tuple[str, ...], deja: set[int]) -> list[Structure]:
    qs = Structure.objects.filter(est_demo=True, region_id="32").order_by("source_id")
    choisies = [s for s in qs if any(m.lower() in s.nom.lower() for m in mots) and s.pk not in deja][:10]
    if len(choisies) < 6:
        choisies += list(qs.exclude(pk__in=[c.pk for c in choisies] + list(deja))[: 8 - len(choisies)])
    return choisies


def _comptes_de_demo():
    """The demo accounts are created after the demo data (``preparer``): a later run binds the
    staff account as animatrice and the demo manager to a member structure."""
    from essaim.annuaire.models import Gestion

    animateur = Utilisateur.objects.filter(email="charge.hdf@essaim.local").first()
    gestionnaire = Utilisateur.objects.filter(email="gestionnaire@essaim.local").first()
    slugs = [c[0] for c in CLUBS]
    if animateur:
        Club.objects.filter(slug__in=slugs, animateur=None).update(animateur=animateur)
    premier = Membre.objects.filter(club__slug=slugs[0], statut=StatutMembre.ACCEPTEE).order_by("pk").first()
    if gestionnaire and premier and not Gestion.objects.filter(utilisateur=gestionnaire).exists():
        Gestion.objects.get_or_create(structure=premier.structure, utilisateur=gestionnaire)
        Contact.objects.get_or_create(
            membre=premier,
            email=gestionnaire.email,
            defaults={
                "utilisateur": gestionnaire,
                "prenom": gestionnaire.first_name,
                "nom": gestionnaire.last_name,
            },
        )


def charger(stdout=None):
    charger_filieres()
    if Club.objects.filter(slug=CLUBS[0][0]).exists():
        _comptes_de_demo()
        return
    if not Structure.objects.filter(est_demo=True, region_id="32").exists():
        return
    animateur = Utilisateur.objects.filter(email="charge.hdf@essaim.local").first()
    gestionnaire = Utilisateur.objects.filter(email="gestionnaire@essaim.local").first()
    aujourd_hui = timezone.localdate()
    deja: set[int] = set()
    with transaction.atomic():
        for n, (slug, nom, filiere, description, mots, commune) in enumerate(CLUBS):
            club = Club.objects.create(
                slug=slug,
                nom=nom,
                filiere=Filiere.objects.get(code=filiere),
                region_id="32",
                description=description,
                animateur=animateur,
                membres_publics=n != 2,
            )
            structures = _membres(mots, deja)
            deja.update(s.pk for s in structures)
            for i, structure in enumerate(structures):
                membre = Membre.objects.create(
                    club=club,
                    structure=structure,
                    statut=StatutMembre.DEMANDEE if i == len(structures) - 1 else StatutMembre.ACCEPTEE,
                    depuis=None if i == len(structures) - 1 else datetime.date(2025, 1 + i % 9, 1),
                    message="Nous souhaitons rejoindre le club (démonstration).",
                )
                Contact.objects.create(
                    membre=membre,
                    prenom="Contact",
                    nom=f"Démo {structure.pk}",
                    email=f"contact-{structure.pk}@exemple.invalid",
                    fonction="Direction",
                )
            lieu = Commune.objects.filter(code=commune).first()
            for titre, type_, date, participants in RENCONTRES:
                Rencontre.objects.create(
                    club=club,
                    titre=titre,
                    type=type_,
                    date=date,
                    heure_debut=datetime.time(9, 30),
                    heure_fin=datetime.time(12, 30),
                    commune=None if type_ == TypeRencontre.OUTILLAGE and date.year == 2025 else lieu,
                    en_ligne=type_ == TypeRencontre.OUTILLAGE and date.year == 2025,
                    lieu="" if type_ == TypeRencontre.OUTILLAGE else "Locaux d'une structure membre",
                    programme="<p>Accueil, tour de table, temps de travail en petits groupes, synthèse.</p>",
                    intervenants="Animatrice du club (CRESS)\nUne structure membre",
                    capacite=40,
                    reservee_adherents=type_ == TypeRencontre.OUTILLAGE,
                    participants_declares=participants if date < aujourd_hui else None,
                    compte_rendu=(
                        "<p>Échanges sur les besoins de chacun ; trois pistes de coopération retenues.</p>"
                        if date < aujourd_hui
                        else ""
                    ),
                    decisions="Créer un groupe de travail\nPartager un annuaire des compétences"
                    if date < aujourd_hui
                    else "",
                )
            if structures:
                Annonce.objects.create(
                    club=club,
                    structure=structures[0],
                    auteur=gestionnaire,
                    sens=SensAnnonce.OFFRE,
                    categorie=CategorieAnnonce.LOCAUX,
                    titre="Salle de réunion disponible le jeudi",
                    description="Salle de 20 places, vidéoprojecteur, accessible PMR (démonstration).",
                    expire_le=aujourd_hui + datetime.timedelta(days=60),
                )
                Annonce.objects.create(
                    club=club,
                    structure=structures[1 % len(structures)],
                    auteur=gestionnaire,
                    sens=SensAnnonce.BESOIN,
                    categorie=CategorieAnnonce.ACHATS,
                    titre="Achat groupé de fournitures",
                    description="Qui veut grouper une commande d'emballages réemployables ? (démonstration)",
                    expire_le=aujourd_hui + datetime.timedelta(days=45),
                )
    _comptes_de_demo()
    if stdout:
        stdout.write(f"    Clubs : {Club.objects.count()} clubs, {Rencontre.objects.count()} rencontres")
