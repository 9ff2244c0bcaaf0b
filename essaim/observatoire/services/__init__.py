"""Observatory services: SIRENE import (lecture → lignes → chargement → agregats, orchestrated by
import_sirene; rapport), figures, exports."""
