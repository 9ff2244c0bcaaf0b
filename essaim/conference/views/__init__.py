from .comparaison import *  # noqa: F403
from .donnees import *  # noqa: F403
from .gestion import *  # noqa: F403
from .public import *  # noqa: F403
from .rapport import *  # noqa: F403
