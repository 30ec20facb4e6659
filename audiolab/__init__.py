"""audiolab: SwishNet speech/music/noise and RAVDESS emotion/gender experiments.

Layers, each importing only those below it:

- ``core``: audio I/O and levels, splits, seeding, training pieces, metrics, reports;
- ``corpora``: one reader per corpus layout, and the synthetic demo corpora;
- ``swishnet`` and ``ravdess``: one package per study;
- ``cli``: the command line on top.
"""
