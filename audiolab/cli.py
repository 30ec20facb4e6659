"""Command line: ``python -m audiolab COMMAND ...``."""

import argparse
import sys

from audiolab.errors import AudiolabError

CORPORA = ("musan", "gtzan", "ravdess", "urbansound8k")


def _scan(args):
    import importlib

    module = importlib.import_module(f"audiolab.corpora.{args.corpus}")
    scan = module.scan(args.root)
    if args.out:
        scan.manifest.to_csv(args.out, index=False)
    print(f"{args.corpus}: {len(scan.manifest)} files, "
          f"{scan.manifest['duration_s'].sum() / 3600 if len(scan.manifest) else 0:.2f} h, "
          f"{len(scan.skipped)} skipped")
    if len(scan.manifest):
        print(scan.manifest["label"].value_counts().sort_index().to_string())
    for row in scan.skipped.itertuples():
        print(f"skipped {row.path}: {row.reason}")


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m audiolab", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    scan = commands.add_parser("scan", help="check a corpus layout and summarise its manifest")
    scan.add_argument("corpus", choices=CORPORA)
    scan.add_argument("root", help="the corpus root folder")
    scan.add_argument("--out", help="write the manifest to this CSV")
    scan.set_defaults(handler=_scan)

    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except AudiolabError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
