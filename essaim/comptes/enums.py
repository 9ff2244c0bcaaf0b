"""Choices of accounts (the role vocabulary itself lives in commun.roles, read by the
permission predicates)."""

from essaim.commun.roles import ROLES_REGIONAUX, Role

__all__ = ["ROLES_REGIONAUX", "Role"]
