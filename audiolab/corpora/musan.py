"""MUSAN (openslr 17): musan/{music,speech,noise}/<source>/*.wav with per-source ANNOTATIONS."""

from pathlib import Path

from audiolab.corpora import make_scan, require_root

LABELS = ("music", "speech", "noise")
ANNOTATION_COLUMNS = {
    "music": ["genres", "vocals", "artist"],
    "speech": ["gender", "language"],
    "noise": [],
}


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
        for source_dir in sorted(p for p in (root / label).iterdir() if p.is_dir()):
            annotations = read_annotations(source_dir / "ANNOTATIONS", label)
            for wav in sorted(source_dir.glob("*.wav")):
                utterance = wav.stem
                rows.append({
                    "path": str(wav.relative_to(root)),
                    "label": label,
                    "source": source_dir.name,
                    "group": utterance,
                    **{c: None for c in ANNOTATION_COLUMNS[label]},
                    **annotations.get(utterance, {}),
                })
    return make_scan(root, rows, skipped)
