"""Keras network builders, one per architecture."""
