"""Rules of the conference module, split by concept (editions, import, figures, report...)."""
