"""audiolab: SwishNet speech/music/noise and RAVDESS emotion/gender experiments."""

__version__ = "0.1.0"
