"""A hand-built SIRENE extract whose expected counts are worked out by hand below.

Flag perimeter (economieSocialeSolidaireUniteLegale = O), active establishments:
  UL 1 association: Lille (employer, 10-19), Roubaix; a closed one in Lille; one abroad (rejected)
  UL 2 SCOP: Amiens (employer)
  UL 3 mutuelle: Paris 8e arrondissement → Paris (employer), Ajaccio 2A (employer)
  UL 4 fondation: Saint-Denis de La Réunion (employer), Bastia 2B
  UL 5 SAS flagged ESS (société commerciale): Lille (employer), unknown code 59999 (→ Nord)
  UL 6 SARL not flagged: Lille (outside the ESS, counted in the denominator)
  UL 7 association not flagged: Lille (only in the "juridique" perimeter)
  UL 8 association, non-diffusible: Arras
  UL 9 association, ceased: one closed establishment in Lille
"""

from essaim.observatoire.generateur import ENTETE_ETAB, ENTETE_UL, ecrire_csv, ligne_etab, ligne_ul

LILLE, ROUBAIX, AMIENS, PARIS_8, AJACCIO, SAINT_DENIS_974, BASTIA, ARRAS = (
    "59350",
    "59512",
    "80021",
    "75108",
    "2A004",
    "97411",
    "2B033",
    "62041",
)
MEL = "200093201"


def unites_legales():
    return [
        ligne_ul(
            siren="100000001",
            denominationUniteLegale="LES JARDINS DE LA DEULE",
            sigleUniteLegale="JDD",
            categorieJuridiqueUniteLegale="9220",
            nicSiegeUniteLegale="00011",
            caractereEmployeurUniteLegale="O",
            trancheEffectifsUniteLegale="11",
        ),
        ligne_ul(
            siren="100000002",
            denominationUniteLegale="SCOP BATIR ENSEMBLE",
            categorieJuridiqueUniteLegale="5458",
            activitePrincipaleUniteLegale="43.21A",
        ),
        ligne_ul(
            siren="100000003",
            denominationUniteLegale="MUTUELLE DU NORD",
            categorieJuridiqueUniteLegale="8210",
            activitePrincipaleUniteLegale="65.12Z",
        ),
        ligne_ul(
            siren="100000004",
            denominationUniteLegale="FONDATION ILES SOLIDAIRES",
            categorieJuridiqueUniteLegale="9300",
        ),
        ligne_ul(
            siren="100000005",
            denominationUniteLegale="RECYCLERIE SAS",
            categorieJuridiqueUniteLegale="5710",
            activitePrincipaleUniteLegale="38.32Z",
        ),
        ligne_ul(
            siren="100000006",
            denominationUniteLegale="BOULANGERIE SARL",
            categorieJuridiqueUniteLegale="5499",
            economieSocialeSolidaireUniteLegale="N",
        ),
        ligne_ul(
            siren="100000007",
            denominationUniteLegale="CLUB DE QUARTIER",
            categorieJuridiqueUniteLegale="9220",
            economieSocialeSolidaireUniteLegale="N",
        ),
        ligne_ul(
            siren="100000008",
            denominationUniteLegale="[ND]",
            statutDiffusionUniteLegale="P",
            categorieJuridiqueUniteLegale="9220",
        ),
        ligne_ul(
            siren="100000009",
            denominationUniteLegale="ASSOCIATION DISSOUTE",
            categorieJuridiqueUniteLegale="9220",
            etatAdministratifUniteLegale="C",
        ),
    ]


def _e(siren, nic, commune, cp="", libelle="", siege="false", **autres):
    adresse = {
        "numeroVoieEtablissement": "12",
        "typeVoieEtablissement": "RUE",
        "libelleVoieEtablissement": "DES ARTS",
    }
    return ligne_etab(
        siren=siren,
        nic=nic,
        codeCommuneEtablissement=commune,
        codePostalEtablissement=cp,
        libelleCommuneEtablissement=libelle,
        etablissementSiege=siege,
        **{**adresse, **autres},
    )


def etablissements():
    return [
        _e(
            "100000001",
            "00011",
            LILLE,
            "59000",
            "LILLE",
            "true",
            caractereEmployeurEtablissement="O",
            trancheEffectifsEtablissement="11",
            activitePrincipaleEtablissement="88.99B",
        ),
        _e("100000001", "00029", ROUBAIX, "59100", "ROUBAIX"),
        _e("100000001", "00037", LILLE, "59000", "LILLE", etatAdministratifEtablissement="F"),
        _e(
            "100000001",
            "00045",
            "",
            codePaysEtrangerEtablissement="99109",
            libellePaysEtrangerEtablissement="BELGIQUE",
        ),
        _e(
            "100000002",
            "00011",
            AMIENS,
            "80000",
            "AMIENS",
            "true",
            caractereEmployeurEtablissement="O",
            trancheEffectifsEtablissement="12",
            activitePrincipaleEtablissement="43.21A",
        ),
        _e(
            "100000003",
            "00011",
            PARIS_8,
            "75008",
            "PARIS 8",
            "true",
            caractereEmployeurEtablissement="O",
            trancheEffectifsEtablissement="21",
            activitePrincipaleEtablissement="65.12Z",
        ),
        _e(
            "100000003",
            "00029",
            AJACCIO,
            "20000",
            "AJACCIO",
            caractereEmployeurEtablissement="O",
            trancheEffectifsEtablissement="01",
            activitePrincipaleEtablissement="65.12Z",
        ),
        _e(
            "100000004",
            "00011",
            SAINT_DENIS_974,
            "97400",
            "SAINT-DENIS",
            "true",
            caractereEmployeurEtablissement="O",
            trancheEffectifsEtablissement="03",
            activitePrincipaleEtablissement="87.30A",
        ),
        _e("100000004", "00029", BASTIA, "20200", "BASTIA"),
        _e(
            "100000005",
            "00011",
            LILLE,
            "59000",
            "LILLE",
            "true",
            caractereEmployeurEtablissement="O",
            trancheEffectifsEtablissement="01",
            activitePrincipaleEtablissement="38.32Z",
        ),
        _e("100000005", "00029", "59999", "59000", "INCONNUE"),
        _e(
            "100000006",
            "00011",
            LILLE,
            "59000",
            "LILLE",
            "true",
            caractereEmployeurEtablissement="O",
            trancheEffectifsEtablissement="02",
            activitePrincipaleEtablissement="10.71C",
        ),
        _e("100000007", "00011", LILLE, "59000", "LILLE", "true"),
        _e(
            "100000008",
            "00011",
            ARRAS,
            "62000",
            "ARRAS",
            "true",
            statutDiffusionEtablissement="P",
            libelleVoieEtablissement="[ND]",
        ),
        _e("100000009", "00011", LILLE, "59000", "LILLE", "true", etatAdministratifEtablissement="F"),
    ]


def ecrire_jeu(dossier, encodage="utf-8"):
    ul = ecrire_csv(dossier / "StockUniteLegale_utf8.csv", ENTETE_UL, unites_legales(), encodage)
    et = ecrire_csv(dossier / "StockEtablissement_utf8.csv", ENTETE_ETAB, etablissements(), encodage)
    return ul, et
