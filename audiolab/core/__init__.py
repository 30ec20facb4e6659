"""Shared layers of both studies. Nothing here imports a study, a corpus or the command line."""
