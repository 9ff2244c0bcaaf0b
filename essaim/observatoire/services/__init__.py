"""Observatory services: SIRENE import (lecture, import_sirene), aggregates, figures, exports."""
