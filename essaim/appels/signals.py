"""Signals other apps listen to (e.g. the conference turns a retained application into a workshop).

``candidature_decidee`` is sent synchronously right after the decision is saved, inside the
same transaction, so receivers' writes commit or roll back together with the decision::

    candidature_decidee.send(sender=Candidature, candidature=c, decision=c.decision)
"""

from django.dispatch import Signal

candidature_decidee = Signal()
