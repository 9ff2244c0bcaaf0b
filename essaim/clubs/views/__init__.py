from .gestion import *  # noqa: F403
from .membres import *  # noqa: F403
from .publiques import *  # noqa: F403
