"""Helpers shared by the stage scripts: error reporting and small output writers."""

import json
import sys
from pathlib import Path

from audiolab.errors import AudiolabError


def run(main):
    """Run a stage's ``main``; a user-input error becomes one line on stderr and exit status 2."""
    try:
        main()
    except AudiolabError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)


def write_json(path, data):
    """Write ``data`` as indented JSON, creating parent folders."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
