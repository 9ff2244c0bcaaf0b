from .dla import Orientation
from .suivis import Action, Convention, Evenement, Resultat, Suivi
from .territoires import ChangementStatut, ProjetTransition, Referent, TerritoireAccompagne

__all__ = [
    "Action",
    "ChangementStatut",
    "Convention",
    "Evenement",
    "Orientation",
    "ProjetTransition",
    "Referent",
    "Resultat",
    "Suivi",
    "TerritoireAccompagne",
]
