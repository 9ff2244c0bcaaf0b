"""`make bench`: map, search and facet latency at N structures, on SQLite and PostgreSQL,
against the raw SQL floor (sqlite3) and Datasette 0.65 serving the same SQLite file.

    python -m essaim.carte.bench.bench_carte --nombre 100000

Builds var/bench/carte-N.sqlite3 (reused when already built for the same N and seed), and
a PostgreSQL database when 127.0.0.1:5432 answers; starts gunicorn (2 workers) on
127.0.0.1; replays a fixed random set of requests (France zoom 5–6, région zoom 8, city
zoom 12–14; without filter, with a theme, with a text query; search; facets); prints one
table and writes it as CSV under var/bench/. Bounded: a few hundred requests, all local.
"""

import argparse
import contextlib
import csv
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

RACINE = Path(__file__).resolve().parents[3]
BENCH = RACINE / "var" / "bench"
PY = str(RACINE / ".venv" / "bin" / "python")
GUNICORN = str(RACINE / ".venv" / "bin" / "gunicorn")
DATASETTE = str(RACINE / ".venv" / "bin" / "datasette")
PG_BASE = "postgres://postgres@127.0.0.1:5432/essaim_bench_carte"

VILLES = [
    (48.8566, 2.3522),
    (45.764, 4.8357),
    (43.2965, 5.3698),
    (50.6292, 3.0573),
    (43.6047, 1.4442),
    (47.2184, -1.5536),
    (48.5734, 7.7521),
    (44.8378, -0.5792),
    (49.894, 2.2957),
    (48.1173, -1.6778),
]
THEMES = ["energie", "mobilite", "seconde-vie-produits", "agriculture-alimentation", "numerique-responsable"]
MOTS = [
    "recyclerie",
    "velo",
    "jardin partage",
    "epicerie solidaire",
    "ressourcrie",
    "lille",
    "energie citoyenne",
    "fab lab",
    "compostage",
    "bricotheque",
]
LARGEUR, HAUTEUR = 1280, 800  # viewport used to derive bboxes from zooms


def dire(message):
    print(message, flush=True)


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_pour(url_base: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url_base,
        ESSAIM_VAR_DIR=str(BENCH / "var"),
        DJANGO_SETTINGS_MODULE="essaim.settings",
        DEBUG="False",
        API_ANON_RATE="1000000/min",
        ESSAIM_DONNEES_DEMO="False",
        LOG_LEVEL="WARNING",
    )
    return env


def construire(url_base: str, nombre: int, graine: int, marque: Path) -> float:
    """Migrate, load reference data, generate N structures; return seconds spent generating."""
    attendu = {"nombre": nombre, "graine": graine, "base": url_base}
    env = env_pour(url_base)
    subprocess.run([PY, "manage.py", "migrate", "-v0", "--noinput"], cwd=RACINE, env=env, check=True)
    if marque.exists() and json.loads(marque.read_text()).get("ok") == attendu:
        dire(f"  base déjà construite ({url_base}), réutilisée (migrations appliquées)")
        return json.loads(marque.read_text()).get("secondes", 0.0)
    subprocess.run(
        [
            PY,
            "-c",
            "import django; django.setup(); from essaim.territoires.services import "
            "charger_territoires as c; c();"
            "from essaim.annuaire.reference import charger; charger()",
        ],
        cwd=RACINE,
        env=env,
        check=True,
    )
    debut = time.monotonic()
    subprocess.run(
        [
            PY,
            "manage.py",
            "generer_structures",
            "--nombre",
            str(nombre),
            "--seed",
            str(graine),
            "--supprimer",
        ],
        cwd=RACINE,
        env=env,
        check=True,
    )
    secondes = time.monotonic() - debut
    marque.write_text(json.dumps({"ok": attendu, "secondes": secondes}))
    return secondes


def bbox(lat, lon, zoom):
    import math

    par_pixel = 360 / (256 * 2**zoom)
    demi_l = LARGEUR / 2 * par_pixel
    demi_h = HAUTEUR / 2 * par_pixel * math.cos(math.radians(lat))
    return f"{lon - demi_l:.5f},{lat - demi_h:.5f},{lon + demi_l:.5f},{lat + demi_h:.5f}"


def requetes(graine: int, par_type: int) -> list[tuple[str, str, dict]]:
    """(type, path, params): the fixed random set, identical for every backend."""
    rng = random.Random(graine)
    liste = []
    zones = {
        "France z5-6": lambda: (46.6 + rng.uniform(-1, 1), 2.4 + rng.uniform(-1.5, 1.5), rng.choice((5, 6))),
        "région z8": lambda: (
            *(lambda v: (v[0] + rng.uniform(-0.3, 0.3), v[1] + rng.uniform(-0.3, 0.3)))(rng.choice(VILLES)),
            8,
        ),
        "ville z12-14": lambda: (
            *(lambda v: (v[0] + rng.uniform(-0.03, 0.03), v[1] + rng.uniform(-0.03, 0.03)))(
                rng.choice(VILLES)
            ),
            rng.choice((12, 13, 14)),
        ),
    }
    filtres = {
        "": lambda: {},
        " +thème": lambda: {"theme": rng.choice(THEMES)},
        " +texte": lambda: {"q": rng.choice(MOTS)},
    }
    for zone, tirer in zones.items():
        for suffixe, filtre in filtres.items():
            for _ in range(par_type):
                lat, lon, zoom = tirer()
                liste.append(
                    (
                        f"carte {zone}{suffixe}",
                        "/api/v1/carte/",
                        {"bbox": bbox(lat, lon, zoom), "zoom": zoom, **filtre()},
                    )
                )
    for _ in range(par_type):
        liste.append(("recherche q", "/api/v1/structures/", {"q": rng.choice(MOTS)}))
        liste.append(
            (
                "recherche q +thème",
                "/api/v1/structures/",
                {"q": rng.choice(MOTS), "theme": rng.choice(THEMES)},
            )
        )
        liste.append(("liste +thème (sans q)", "/api/v1/structures/", {"theme": rng.choice(THEMES)}))
        liste.append(("facettes", "/api/v1/structures/facettes/", {}))
        liste.append(("facettes +thème", "/api/v1/structures/facettes/", {"theme": rng.choice(THEMES)}))
        liste.append(("facettes +texte", "/api/v1/structures/facettes/", {"q": rng.choice(MOTS)}))
    return liste


def attendre(port: int, chemin: str = "/", delai: float = 60):
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{chemin}", timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
        except urllib.error.HTTPError:
            return
    raise RuntimeError(f"Serveur 127.0.0.1:{port} injoignable")


def mesurer(port: int, chemin: str, params: dict) -> tuple[float, bytes]:
    url = f"http://127.0.0.1:{port}{chemin}?{urlencode(params, doseq=True)}"
    debut = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        corps = r.read()
    return (time.perf_counter() - debut) * 1000, corps


def rss_mo(pid: int) -> tuple[float, float]:
    """(total, largest process) resident memory in MB of a process and its children."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    valeurs = []
    for p in pids:
        try:
            for ligne in Path(f"/proc/{p}/status").read_text().splitlines():
                if ligne.startswith("VmRSS:"):
                    valeurs.append(int(ligne.split()[1]) / 1024)
        except OSError:
            pass
    return sum(valeurs), max(valeurs or [0])


def serveur_essaim(url_base: str):
    port = port_libre()
    proc = subprocess.Popen(
        [
            GUNICORN,
            "essaim.wsgi",
            "-c",
            "python:essaim.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=RACINE,
        env=env_pour(url_base),
    )
    attendre(port, "/api/v1/structures/?page_size=1")
    return proc, port


def lancer(url_base: str, liste, etiquette: str) -> tuple[dict, tuple[float, float]]:
    proc, port = serveur_essaim(url_base)
    try:
        for _type, chemin, params in liste[:20]:  # warm-up: page cache, connections
            mesurer(port, chemin, params)
        temps: dict[str, list[float]] = {}
        for type_, chemin, params in liste:
            ms, _ = mesurer(port, chemin, params)
            temps.setdefault(type_, []).append(ms)
        rss = rss_mo(proc.pid)
        dire(
            f"  {etiquette} : {len(liste)} requêtes mesurées, RSS {rss[0]:.0f} Mo (plus gros "
            f"processus {rss[1]:.0f} Mo)"
        )
        return temps, rss
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def sql_brut(fichier: Path, liste) -> dict:
    """The floor: the exact SQL each request ran, replayed through sqlite3."""
    os.environ.update(env_pour(f"sqlite:///{fichier}"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    brut = sqlite3.connect(fichier)
    brut.execute("PRAGMA cache_size = -64000")
    temps: dict[str, list[float]] = {}
    for type_, chemin, params in liste:
        with CaptureQueriesContext(connection) as capture:
            client.get(chemin, params)
        total = 0.0
        for q in capture.captured_queries:
            sql = q["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            debut = time.perf_counter()
            brut.execute(sql).fetchall()
            total += (time.perf_counter() - debut) * 1000
        temps.setdefault(type_, []).append(total)
    return temps


def equivalent_datasette(nom: str, type_: str, params: dict, sqls: list[str]) -> list[str]:
    """Datasette URLs doing the same job with its own features (search, facets) or, for the
    map, which it cannot cluster, the same SQL through its ?sql= interface."""
    base = f"/{nom}/carte_pointcarte.json"
    filtre = {"themes__contains": params["theme"]} if "theme" in params else {}
    recherche = (
        {"_search": params["q"], "_fts_table": "carte_recherche", "_fts_pk": "structure_id"}
        if "q" in params
        else {}
    )
    if type_.startswith("facettes"):
        return [
            base
            + "?"
            + urlencode(
                {
                    **filtre,
                    **recherche,
                    "_size": 0,
                    "_facet": ["famille", "region", "departement", "transitions"],
                },
                doseq=True,
            )
        ]
    if type_.startswith(("recherche", "liste")):
        return [base + "?" + urlencode({**filtre, **recherche, "_size": 50})]
    return [f"/{nom}.json?" + urlencode({"sql": s, "_shape": "array"}) for s in sqls]


def datasette(fichier: Path, liste) -> dict:
    os.environ.update(env_pour(f"sqlite:///{fichier}"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    port = port_libre()
    proc = subprocess.Popen(
        [
            DATASETTE,
            "serve",
            str(fichier),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--setting",
            "sql_time_limit_ms",
            "30000",
            "--setting",
            "facet_time_limit_ms",
            "30000",
            "--setting",
            "num_sql_threads",
            "2",
        ],
        cwd=BENCH,
        stdout=subprocess.DEVNULL,
        stderr=(BENCH / "datasette.log").open("w"),
    )
    try:
        attendre(port, f"/{fichier.stem}.json")
        temps: dict[str, list[float]] = {}
        for type_, chemin, params in liste:
            sqls = []
            if type_.startswith("carte"):
                with CaptureQueriesContext(connection) as capture:
                    client.get(chemin, params)
                sqls = [
                    q["sql"]
                    for q in capture.captured_queries
                    if q["sql"].lstrip().upper().startswith("SELECT")
                ]
            total = 0.0
            for url in equivalent_datasette(fichier.stem, type_, params, sqls):
                debut = time.perf_counter()
                with contextlib.suppress(urllib.error.HTTPError):  # an error page still took its time
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=120).read()
                total += (time.perf_counter() - debut) * 1000
            temps.setdefault(type_, []).append(total)
        return temps
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def centiles(valeurs: list[float]) -> tuple[float, float]:
    if not valeurs:
        return float("nan"), float("nan")
    valeurs = sorted(valeurs)
    p95 = valeurs[min(len(valeurs) - 1, int(round(0.95 * (len(valeurs) - 1))))]
    return statistics.median(valeurs), p95


def postgres_joignable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), 1).close()
        return True
    except OSError:
        return False


def creer_base_pg():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = 'essaim_bench_carte'").fetchone():
            c.execute("CREATE DATABASE essaim_bench_carte")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nombre", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--par-type", type=int, default=20, help="requêtes mesurées par type")
    parser.add_argument("--sans-postgres", action="store_true")
    parser.add_argument("--sans-datasette", action="store_true")
    args = parser.parse_args(argv)
    BENCH.mkdir(parents=True, exist_ok=True)
    (BENCH / "var").mkdir(exist_ok=True)
    fichier = BENCH / f"carte-{args.nombre}.sqlite3"
    liste = requetes(args.seed, args.par_type)
    resultats: dict[str, dict] = {}
    dire(f"== Carte : {args.nombre} structures, {len(liste)} requêtes par moteur")
    dire("SQLite : construction…")
    duree_sqlite = construire(f"sqlite:///{fichier}", args.nombre, args.seed, fichier.with_suffix(".json"))
    with sqlite3.connect(fichier) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    resultats["sqlite"], rss_sqlite = lancer(f"sqlite:///{fichier}", liste, "Essaim/SQLite")
    rss = {"sqlite": rss_sqlite}
    durees = {"sqlite": duree_sqlite}
    if not args.sans_postgres and postgres_joignable():
        dire("PostgreSQL : construction…")
        creer_base_pg()
        marque = BENCH / f"carte-{args.nombre}-pg.json"
        durees["postgresql"] = construire(PG_BASE, args.nombre, args.seed, marque)
        resultats["postgresql"], rss["postgresql"] = lancer(PG_BASE, liste, "Essaim/PostgreSQL")
    dire("SQL brut (sqlite3) : rejeu…")
    brut = sql_brut(fichier, liste)
    ds = {} if args.sans_datasette else datasette(fichier, liste)
    if ds:
        dire("Datasette 0.65 : mesuré")

    lignes = []
    for type_ in dict.fromkeys(t for t, _, _ in liste):
        b50, b95 = centiles(brut.get(type_, []))
        d50, d95 = centiles(ds.get(type_, []))
        for moteur, temps in resultats.items():
            p50, p95 = centiles(temps.get(type_, []))
            lignes.append(
                {
                    "requete": type_,
                    "moteur": moteur,
                    "n": len(temps.get(type_, [])),
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(p95, 1),
                    "sql_brut_p50_ms": round(b50, 1),
                    "sql_brut_p95_ms": round(b95, 1),
                    "ratio_sql_brut_p95": round(p95 / b95, 1) if b95 else "",
                    "datasette_p50_ms": round(d50, 1) if ds else "",
                    "datasette_p95_ms": round(d95, 1) if ds else "",
                    "ratio_datasette_p95": round(p95 / d95, 2) if ds and d95 else "",
                }
            )
    entete = (
        f"{'requête':<28} {'moteur':<10} {'p50':>7} {'p95':>7} {'brut p95':>9} {'×brut':>6} "
        f"{'DS p95':>8} {'×DS':>6}"
    )
    dire("")
    dire(entete)
    dire("-" * len(entete))
    for ligne in lignes:
        dire(
            f"{ligne['requete']:<28} {ligne['moteur']:<10} {ligne['p50_ms']:>7} {ligne['p95_ms']:>7} "
            f"{ligne['sql_brut_p95_ms']:>9} {ligne['ratio_sql_brut_p95']!s:>6} "
            f"{ligne['datasette_p95_ms']!s:>8} {ligne['ratio_datasette_p95']!s:>6}"
        )
    for moteur, (total, plus_gros) in rss.items():
        dire(
            f"RSS serveur {moteur} (gunicorn, 2 workers) : {total:.0f} Mo au total, {plus_gros:.0f} "
            f"Mo pour le plus gros processus"
        )
    for moteur, s in durees.items():
        dire(f"Génération + indexation {moteur} : {s:.0f} s (0 = base réutilisée)")
    dire(
        f"Charge de la machine pendant la mesure (loadavg) : {os.getloadavg()[0]:.1f} sur "
        f"{os.cpu_count()} cœurs"
    )
    sortie = BENCH / f"bench_carte-{args.nombre}-{datetime.now():%Y%m%d-%H%M}.csv"
    with sortie.open("w", newline="", encoding="utf-8") as f:
        ecrivain = csv.DictWriter(f, fieldnames=list(lignes[0]))
        ecrivain.writeheader()
        ecrivain.writerows(lignes)
        for moteur, (total, plus_gros) in rss.items():
            f.write(f"# rss_{moteur}_mo,{total:.0f},{plus_gros:.0f}\n")
    dire(f"CSV : {sortie.relative_to(RACINE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
