"""Live key figures and the latest records for the home page (cached a few minutes: counting
every published record on each visit would cost the directory's size)."""

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from essaim.annuaire.models import Structure, Transition
from essaim.appels.rules import appels_visibles
from essaim.conference.enums import StatutAtelier
from essaim.conference.models import Atelier, Evenement

DUREE_CACHE_S = 300
DERNIERES = 6


def _compter() -> dict:
    aujourd_hui = timezone.localdate()
    publiees = Structure.objects.publiees()
    par_transition = dict(
        Transition.objects.annotate(
            n=Count("structures", filter=Q(structures__statut="publiee"), distinct=True)
        ).values_list("code", "n")
    )
    return {
        "fiches": publiees.count(),
        "par_transition": par_transition,
        "ateliers": Atelier.objects.filter(
            statut=StatutAtelier.LABELLISE, conference__publiee=True, date__gte=aujourd_hui
        ).count(),
        "evenements": Evenement.objects.filter(conference__publiee=True, date__gte=aujourd_hui).count(),
        "dernieres": list(publiees.order_by("-publiee_le", "-pk").values_list("pk", flat=True)[:DERNIERES]),
    }


def chiffres_cles(user) -> dict:
    chiffres = cache.get_or_set("espace:chiffres-cles", _compter, DUREE_CACHE_S)
    maintenant = timezone.now()
    transitions = [
        {"libelle": t.libelle, "code": t.code, "nombre": chiffres["par_transition"].get(t.code, 0)}
        for t in Transition.objects.order_by("libelle")
    ]
    dernieres = Structure.objects.publiees().filter(pk__in=chiffres["dernieres"]).select_related("commune")
    return {
        **chiffres,
        "transitions": transitions,
        # Calls open now, as an anonymous visitor sees them (published ones): cheap, not cached.
        "appels_ouverts": appels_visibles(user)
        .filter(publie=True, ouverture__lte=maintenant, cloture__gt=maintenant)
        .count(),
        "dernieres": sorted(dernieres, key=lambda s: chiffres["dernieres"].index(s.pk)),
    }
