"""The RAVDESS study: log-mel inputs with noise, the emotion and gender CNNs, their fusion."""
