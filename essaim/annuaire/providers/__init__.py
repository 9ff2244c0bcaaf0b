"""Clients of outside services (unreachable from test machines): one module per service,
each with a timeout and a typed result or ``Indisponible``. ``faux.py`` replays recorded
real-format responses for tests and offline demos."""
