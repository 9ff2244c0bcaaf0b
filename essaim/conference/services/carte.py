"""Positions of workshops on the map.

Commune.latitude/longitude (approximate town coordinates loaded with the territories) come
first. When they are missing (an older territories file, a commune absent from the source),
this module falls back to a small shipped table of APPROXIMATE coordinates (town centres,
~1 km) for the communes of the 2023 edition and the main towns of Hauts-de-France, then to
département centroids: such workshops are flagged "position approximative".
"""

COMMUNES = {
    "59632": (50.376, 3.393),  # Wallers
    "59183": (51.034, 2.377),  # Dunkerque
    "02691": (49.847, 3.287),  # Saint-Quentin
    "59606": (50.358, 3.523),  # Valenciennes
    "62498": (50.432, 2.833),  # Lens
    "59350": (50.629, 3.057),  # Lille
    "62589": (50.351, 2.693),  # Mont-Saint-Éloi
    "62119": (50.530, 2.640),  # Béthune
    "80021": (49.894, 2.296),  # Amiens
    "62193": (50.951, 1.858),  # Calais
    "62146": (50.200, 2.760),  # Boiry-Saint-Martin
    "62609": (50.357, 2.761),  # Neuville-Saint-Vaast
    "62753": (50.296, 2.804),  # Saint-Laurent-Blangy
    "62041": (50.291, 2.777),  # Arras
    "02722": (49.381, 3.323),  # Soissons
    "62765": (50.750, 2.252),  # Saint-Omer
    "60057": (49.430, 2.081),  # Beauvais
    "02408": (49.564, 3.620),  # Laon
    "59512": (50.690, 3.181),  # Roubaix
    "59599": (50.724, 3.161),  # Tourcoing
    "62160": (50.726, 1.614),  # Boulogne-sur-Mer
    "60159": (49.418, 2.826),  # Compiègne
    "80001": (50.105, 1.835),  # Abbeville
    "59178": (50.370, 3.080),  # Douai
    "59392": (50.278, 3.973),  # Maubeuge
    "60175": (49.260, 2.475),  # Creil
}

DEPARTEMENTS = {
    "02": (49.56, 3.56),
    "59": (50.45, 3.22),
    "60": (49.41, 2.42),
    "62": (50.49, 2.29),
    "80": (49.96, 2.28),
}


def position(atelier) -> tuple[float, float, bool] | None:
    """(lat, lon, approximative) or None when the workshop cannot be placed."""
    commune = atelier.commune
    if commune is not None:
        if commune.latitude is not None and commune.longitude is not None:
            return commune.latitude, commune.longitude, False
        if commune.code in COMMUNES:
            return (*COMMUNES[commune.code], False)
        if commune.departement_id in DEPARTEMENTS:
            return (*DEPARTEMENTS[commune.departement_id], True)
        return None
    if atelier.departement_id in DEPARTEMENTS:
        return (*DEPARTEMENTS[atelier.departement_id], True)
    return None


def points(ateliers, url_de) -> tuple[list[dict], list]:
    """Map points plus the workshops that cannot be placed (online, unknown place)."""
    placables, autres = [], []
    for atelier in ateliers:
        pos = position(atelier)
        if pos is None:
            autres.append(atelier)
            continue
        placables.append(
            {
                "lat": pos[0],
                "lon": pos[1],
                "approximatif": pos[2],
                "titre": atelier.intitule,
                "lieu": atelier.commune.nom if atelier.commune_id else atelier.departement_id,
                "url": url_de(atelier),
            }
        )
    return placables, autres
