"""Typed errors: everything the command line and the stages report as one line."""


class AudiolabError(Exception):
    """Base class for errors that are the user's input, not a bug."""


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
