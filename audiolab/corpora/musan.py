"""MUSAN (openslr 17): musan/{music,speech,noise}/<source>/*.wav with per-source ANNOTATIONS."""

from pathlib import Path

from audiolab.corpora import audio_files, make_scan, require_root, subfolders

LABELS = ("music", "speech", "noise")
ANNOTATION_COLUMNS = {
    "music": ["genres", "vocals", "artist"],
    "speech": ["gender", "language"],
    "noise": [],
}


def source_of(path):
    """The source (recording set) of a MUSAN path ``<label>/<source>/<file>``, relative to the root."""
    return Path(path).parent.name


def read_annotations(path, label):
    """{utterance id: {column: value}} from a space-separated ANNOTATIONS file; {} if missing."""
    path = Path(path)
    if not path.is_file():
        return {}
    columns = ANNOTATION_COLUMNS[label]
    annotations = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if not fields:
            continue
        # Music artists may contain spaces: everything after the fixed columns is the artist.
        values = fields[1:len(columns)] + [" ".join(fields[len(columns):])] if columns else []
        annotations[fields[0]] = dict(zip(columns, values))
    return annotations


def scan(root):
    """Manifest of every MUSAN wav: label is the top folder, group the file itself."""
    root = require_root("musan", root, LABELS)
    rows, skipped = [], []
    for label in LABELS:
        source_dirs, litter = subfolders(root, label)
        skipped += litter
        for source_dir in source_dirs:
            annotations = read_annotations(source_dir / "ANNOTATIONS", label)
            paths, litter = audio_files(root, source_dir.relative_to(root))
            skipped += litter
            for path in paths:
                utterance = Path(path).stem
                rows.append({
                    "path": path,
                    "label": label,
                    "source": source_dir.name,
                    "group": utterance,
                    **{c: None for c in ANNOTATION_COLUMNS[label]},
                    **annotations.get(utterance, {}),
                })
    return make_scan(root, rows, skipped)
