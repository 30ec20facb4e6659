"""Typed errors: everything the command line and the stages report as one line."""

import sys


class AudiolabError(Exception):
    """Base class for errors that are the user's input, not a bug."""


class ParamError(AudiolabError, ValueError):
    """A params.yaml value outside the values its setting allows."""


def check_choice(setting, value, allowed):
    """ParamError unless ``value`` is one of ``allowed``, the values of params.yaml's ``setting``."""
    if value not in allowed:
        raise ParamError(f"{setting} must be one of {', '.join(allowed)}, not {value!r}")


class AudioLoadError(AudiolabError):
    """A file that cannot be decoded, is empty, or is not audio."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class CorpusNotFoundError(AudiolabError):
    """A corpus root that does not exist or does not have the expected layout."""

    def __init__(self, corpus, root, expected):
        self.corpus = corpus
        self.root = str(root)
        super().__init__(
            f"{corpus} corpus not found at {self.root} ({expected}): "
            f"set corpora.{corpus} in params.yaml"
        )


class CorpusError(AudiolabError):
    """A corpus whose layout is there but whose contents cannot be used (e.g. a broken metadata table)."""

    def __init__(self, corpus, root, problem):
        self.corpus = corpus
        self.root = str(root)
        super().__init__(f"{corpus} corpus at {self.root}: {problem}")


def run_stage(main):
    """Run a stage's ``main``; a user-input error becomes one line on stderr and exit status 2."""
    try:
        main()
    except AudiolabError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
