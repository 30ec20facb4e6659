"""Reading params.yaml, the single source of every setting."""

from pathlib import Path

import yaml


def load_params(path="params.yaml"):
    """params.yaml as a dict."""
    with open(Path(path), encoding="utf-8") as handle:
        return yaml.safe_load(handle)
