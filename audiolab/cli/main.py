"""Command line: ``python -m audiolab COMMAND ...``."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
import json
import sys
import warnings
from pathlib import Path

from audiolab.cli.formats import FORMATS
from audiolab.cli.registry import CLIP_SECONDS, TASKS
from audiolab.core.errors import AudiolabError

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


def _fail(message):
    print(f"error: {message}", file=sys.stderr)


def _field(text):
    """A file name as one field of tab-separated output: tabs, newlines and backslashes escaped."""
    return str(text).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _checked_files(paths):
    """The paths that are readable regular files; an error line for each of the others."""
    from audiolab.core.audio import check_file

    usable = []
    for path in paths:
        try:
            check_file(path)
        except AudiolabError as error:
            _fail(error)
            continue
        usable.append(path)
    return usable


def _predict(args):
    from audiolab.cli.predict import Predictor
    from audiolab.core.params import load_params

    files = _checked_files(args.files)
    failed = len(args.files) - len(files)
    if not files:
        return 2
    predictor = Predictor(args.task, load_params(args.params), args.clip_seconds, args.variant, args.models)
    results = []
    for path in files:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = predictor.predict(path)
            for warning in caught:
                print(f"warning: {_field(path)}: {warning.message}", file=sys.stderr)
        except AudiolabError as error:
            _fail(error)
            failed += 1
            continue
        results.append(result)
        if not args.json:
            probabilities = "  ".join(f"{name} {p:.3f}" for name, p in result["probabilities"].items())
            print(f"{_field(path)}\t{result['label']}\t{probabilities}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 2 if failed else 0


def _segment(args):
    from audiolab.cli.formats import format_segments
    from audiolab.cli.predict import segment_recording
    from audiolab.core.params import load_params

    if not _checked_files([args.file]):
        return 2
    segments = segment_recording(args.file, args.models, load_params(args.params), args.clip_seconds,
                                 args.median_frames)
    text = format_segments(segments, args.format)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"{len(segments)} segments written to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("audiolab")
    except PackageNotFoundError:
        return "unknown (not installed)"


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m audiolab", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--params", default="params.yaml", help="the params.yaml of the models (default: %(default)s)")
    parser.add_argument("--models", default="models", help="the folder `dvc repro` wrote the models to "
                                                          "(default: %(default)s); the first of train_seeds is used")
    commands = parser.add_subparsers(dest="command", required=True)

    scan = commands.add_parser(
        "scan", help="check a corpus layout and summarise its manifest",
        description="Walk a corpus in its real layout, check and hash every file, and list the files\n"
                    "that cannot be used, with their reasons.",
        epilog="example: python -m audiolab scan musan data/demo/musan --out musan.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("corpus", choices=CORPORA, help="which corpus layout to expect")
    scan.add_argument("root", help="the corpus root folder")
    scan.add_argument("--out", help="write the manifest to this CSV")
    scan.set_defaults(handler=_scan)

    predict = commands.add_parser(
        "predict", help="label and class probabilities of audio files",
        description="One line per file: the file, its label and the class probabilities, tab-separated\n"
                    "(tabs and newlines in names escaped). A file with nothing to hear is labelled\n"
                    "`silence`; a file that cannot be read is one `error:` line on stderr, and the exit\n"
                    "status is then 2.",
        epilog="examples:\n"
               "  python -m audiolab predict data/demo/musan/speech/librivox/speech-librivox-0000.wav\n"
               "  python -m audiolab predict --task emotion --json \\\n"
               "      data/demo/ravdess/Actor_01/03-01-05-02-01-01-01.wav",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    predict.add_argument("files", nargs="+", metavar="FILE", help="wav, flac, ogg or mp3 of any length and rate")
    predict.add_argument("--task", choices=TASKS, default="speech-music-noise",
                         help="which model answers (default %(default)s)")
    predict.add_argument("--clip-seconds", type=float, choices=CLIP_SECONDS, default=1.0,
                         help="SwishNet clip length (speech-music-noise)")
    predict.add_argument("--variant", default="aggregate", help="emotion model variant (default aggregate)")
    predict.add_argument("--json", action="store_true", help="print JSON instead of one line per file")
    predict.set_defaults(handler=_predict)

    segment = commands.add_parser(
        "segment", help="speech / music / noise / silence segments of a recording",
        description="Label a recording of any length frame by frame (10 ms) as speech, music, noise or\n"
                    "silence, smooth the labels with a median filter and write one segment per run:\n"
                    "label, start and stop in seconds, and the mean class probabilities.",
        epilog="examples:\n"
               "  python -m audiolab segment data/prepared/segment_eval/mixture_0.wav\n"
               "  python -m audiolab segment talk.flac --format textgrid --out talk.TextGrid",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    segment.add_argument("file", metavar="FILE")
    segment.add_argument("--out", help="write here instead of standard output")
    segment.add_argument("--format", choices=FORMATS, default="csv")
    segment.add_argument("--clip-seconds", type=float, choices=CLIP_SECONDS, default=1.0,
                         help="which clip length's SwishNet to use")
    segment.add_argument("--median-frames", type=int, help="median filter length (default: params segment.median_frames)")
    segment.set_defaults(handler=_segment)

    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except (AudiolabError, FileNotFoundError, ValueError) as error:
        _fail(error)
        return 2
