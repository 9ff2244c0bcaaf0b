"""Thin views of the directory: forms in, services called, templates out."""
