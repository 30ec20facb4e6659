"""Synthetic demo corpora in the real layouts of MUSAN, GTZAN music/speech, RAVDESS and UrbanSound8K."""
