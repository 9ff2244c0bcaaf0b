"""Load test of a running Essaim server: `make charge` (scripts/charge.sh starts the server).

    python scripts/charge.py --url http://127.0.0.1:8001 --clients 50 --duree 60 [--scenario lectures]

Each client is a thread with its own keep-alive HTTP connection that sends requests drawn
from the scenario's weighted mix, back to back, until the time is up. Prints requests per
second, latency percentiles (p50, p95, max), per-kind figures and every error (status >= 400
or a connection error); exits 1 if there was any error.

Scenarios are functions registered in ``SCENARIOS``: they receive the server's base URL and
a discovered ``Contexte`` (record URLs, a conference) and return weighted request makers.
A scenario may also start background work of its own (``Scenario.avant`` / ``apres``), e.g.
writes during a bulk job. Add one with ``@scenario("nom")``.
"""

import argparse
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx


@dataclass
class Contexte:
    url: str
    fiches: list[str]  # record page paths
    ids: list[int]  # record ids in the API
    conference: str | None  # slug of a conference with a report
    mots: list[str]


@dataclass
class Requete:
    type: str  # label in the report
    poids: int
    faire: Callable[[httpx.Client, random.Random], httpx.Response]


@dataclass
class Scenario:
    requetes: list[Requete]
    avant: Callable[[], None] = lambda: None
    apres: Callable[[], None] = lambda: None


FRANCE = "-5.5,41,10,51.5"
SCENARIOS: dict[str, Callable[[Contexte], Scenario]] = {}


def scenario(nom: str):
    def enregistrer(fonction):
        SCENARIOS[nom] = fonction
        return fonction

    return enregistrer


def get(chemin: Callable[[random.Random], str]):
    return lambda client, alea: client.get(chemin(alea))


@scenario("lectures")
def lectures(c: Contexte) -> Scenario:
    """The public reads of a busy day: pages, the directory, records, search and map API."""
    requetes = [
        Requete("accueil", 10, get(lambda a: "/")),
        Requete("annuaire", 15, get(lambda a: f"/annuaire/?page={a.randint(1, 3)}")),
        Requete("annuaire filtré", 5, get(lambda a: "/annuaire/?famille=association")),
        Requete("fiche", 25, get(lambda a: a.choice(c.fiches))),
        Requete("api recherche", 20, get(lambda a: f"/api/v1/structures/?q={a.choice(c.mots)}")),
        Requete("api carte", 15, get(lambda a: f"/api/v1/carte/?bbox={FRANCE}&zoom={a.randint(4, 9)}")),
    ]
    if c.conference:
        rapport = f"/conferences/{c.conference}/rapport/"
        requetes.append(Requete("rapport conférence", 5, get(lambda a: rapport)))
    return Scenario(requetes)


def decouvrir(url: str) -> Contexte:
    with httpx.Client(base_url=url, timeout=30) as client:
        structures = client.get("/api/v1/structures/?page_size=200").raise_for_status().json()["results"]
        conferences = client.get("/api/v1/conferences/").raise_for_status().json()
    if not structures:
        sys.exit("Aucune structure publiée : chargez des données (manage.py preparer) avant la charge.")
    conferences = conferences.get("results", conferences) if isinstance(conferences, dict) else conferences
    mots = sorted({m.lower() for s in structures for m in s["nom"].split() if len(m) > 4}) or ["ess"]
    return Contexte(
        url=url,
        fiches=[httpx.URL(s["url"]).path for s in structures],
        ids=[s["id"] for s in structures],
        conference=conferences[0]["slug"] if conferences else None,
        mots=mots[:50],
    )


@dataclass
class Mesures:
    durees: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    erreurs: list[str] = field(default_factory=list)
    verrou: threading.Lock = field(default_factory=threading.Lock)


def client_de_charge(url, sc: Scenario, fin: float, graine: int, m: Mesures):
    alea = random.Random(graine)
    poids = [r.poids for r in sc.requetes]
    with httpx.Client(base_url=url, timeout=30, follow_redirects=False) as client:
        while time.monotonic() < fin:
            requete = alea.choices(sc.requetes, poids)[0]
            debut = time.monotonic()
            try:
                reponse = requete.faire(client, alea)
                code = reponse.status_code
                erreur = f"{code} {reponse.request.url}" if code >= 400 else None
            except httpx.HTTPError as e:
                erreur = f"{type(e).__name__} {e}"
            duree = time.monotonic() - debut
            with m.verrou:
                m.durees[requete.type].append(duree)
                if erreur:
                    m.erreurs.append(f"{requete.type}: {erreur}")


def centile(valeurs: list[float], p: float) -> float:
    return statistics.quantiles(valeurs, n=100, method="inclusive")[p - 1] if len(valeurs) > 1 else valeurs[0]


def rapport(m: Mesures, duree: float, clients: int, nom: str) -> str:
    toutes = sorted(d for ds in m.durees.values() for d in ds)
    lignes = [
        f"Scénario « {nom} » : {clients} clients pendant {duree:.0f} s",
        f"{len(toutes)} requêtes, {len(toutes) / duree:.1f} requêtes/s, "
        f"p50 {centile(toutes, 50) * 1000:.0f} ms, p95 {centile(toutes, 95) * 1000:.0f} ms, "
        f"max {toutes[-1] * 1000:.0f} ms, {len(m.erreurs)} erreurs",
        "",
        f"{'type':<20} {'requêtes':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}",
    ]
    for type_, ds in sorted(m.durees.items()):
        ds.sort()
        lignes.append(
            f"{type_:<20} {len(ds):>9} {centile(ds, 50) * 1000:>8.0f} {centile(ds, 95) * 1000:>8.0f} "
            f"{ds[-1] * 1000:>8.0f}"
        )
    for erreur in m.erreurs[:20]:
        lignes.append(f"ERREUR {erreur}")
    return "\n".join(lignes)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duree", type=float, default=60.0, help="secondes")
    parser.add_argument("--scenario", default="lectures", choices=sorted(SCENARIOS))
    parser.add_argument("--graine", type=int, default=1)
    args = parser.parse_args(argv)

    contexte = decouvrir(args.url)
    sc = SCENARIOS[args.scenario](contexte)
    m = Mesures()
    sc.avant()
    debut = time.monotonic()
    fin = debut + args.duree
    fils = [
        threading.Thread(target=client_de_charge, args=(args.url, sc, fin, args.graine * 1000 + i, m))
        for i in range(args.clients)
    ]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    duree = time.monotonic() - debut
    sc.apres()
    print(rapport(m, duree, args.clients, args.scenario))
    return 1 if m.erreurs else 0


if __name__ == "__main__":
    sys.exit(main())
