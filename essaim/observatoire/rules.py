"""Permissions of the observatory. Figures are public; importing them is for the CRESS team."""

import rules

from essaim.commun.permissions import est_equipe_cress

rules.add_perm("observatoire.importer_chiffres", est_equipe_cress)
