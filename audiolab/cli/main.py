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


DEMO_NOTE = ("note: the {task} model was trained on the synthetic demo corpus, not on real recordings; "
             "train it on {corpus} for real use (README: Run on the real corpora), then give --models")


def _models_and_params(args, task, clip_s=1.0):
    """The models folder and params.yaml a command uses: those given; else, for speech / music /
    noise, the shipped real-audio model, and the demo's (`make repro`) otherwise, said on stderr."""
    from audiolab.cli.registry import shipped_model

    if args.models is None and args.params is None and task == "speech-music-noise" and shipped_model(clip_s):
        return shipped_model(clip_s)
    if args.models is None:
        corpus = "MUSAN" if task == "speech-music-noise" else "RAVDESS"
        print(DEMO_NOTE.format(task=task, corpus=corpus), file=sys.stderr)
    return Path(args.models or "models"), Path(args.params or "params.yaml")


def _predict(args):
    from audiolab.cli.predict import Predictor
    from audiolab.core.params import load_params

    files = _checked_files(args.files)
    failed = len(args.files) - len(files)
    if not files:
        return 2
    models, params = _models_and_params(args, args.task, args.clip_seconds)
    predictor = Predictor(args.task, load_params(params), args.clip_seconds, args.variant, models)
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


AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3")
SUFFIXES = {"csv": ".tsv", "textgrid": ".TextGrid", "audacity": ".txt", "frames": ".frames.csv"}


def _inputs(path):
    """The files to segment for one argument: the file itself, or the audio files under a folder (sorted)."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix.lower() in AUDIO_SUFFIXES and p.is_file()
                  and not p.name.startswith("._"))


def _segment(args):
    from audiolab.cli.formats import format_frames, format_segments
    from audiolab.cli.predict import segment_recording
    from audiolab.core.params import load_params

    found = {path: _inputs(path) for path in args.files}  # each folder walked once
    empty = [path for path, files in found.items() if not files]
    for path in empty:
        _fail(f"{path}: a folder with no audio files ({', '.join(AUDIO_SUFFIXES)})")
    if empty:
        return 2
    inputs = [file for files in found.values() for file in files]
    several = len(inputs) > 1 or any(Path(p).is_dir() for p in args.files)
    if several and not args.out_dir:
        _fail("several files to segment: give --out-dir, one output per file")
        return 2
    if args.threshold is not None and not 0 < args.threshold < 1:
        _fail(f"--threshold must lie between 0 and 1, not {args.threshold}")
        return 2
    kind = "frames" if args.frames else args.format
    outputs = {path: Path(args.out_dir) / (path.stem + SUFFIXES[kind]) if args.out_dir else
               (Path(args.out) if args.out else None) for path in inputs}
    if args.out_dir and len(set(outputs.values())) < len(outputs):
        _fail("two inputs share a file name: segment them into separate --out-dir folders")
        return 2
    skipped = [path for path in inputs if args.skip_existing and outputs[path] and outputs[path].exists()]
    files = _checked_files([path for path in inputs if path not in skipped])
    failed = len(inputs) - len(skipped) - len(files)
    done = 0
    if files:
        models, params_path = _models_and_params(args, "speech-music-noise", args.clip_seconds)
        params = load_params(params_path)
        if args.out_dir:
            Path(args.out_dir).mkdir(parents=True, exist_ok=True)
    for path in files:
        try:
            segments, frames = segment_recording(path, models, params, args.clip_seconds, args.median_frames,
                                                 args.threshold)
        except AudiolabError as error:
            _fail(error)
            failed += 1
            continue
        text = format_frames(frames, params["clips"]["step_s"]) if args.frames else format_segments(segments, args.format)
        done += 1
        if outputs[path]:
            outputs[path].write_text(text, encoding="utf-8")
            if not several:
                print(f"{len(segments)} segments written to {outputs[path]}")
        else:
            sys.stdout.write(text)
    if several or skipped:
        print(f"{done} of {len(inputs)} files segmented; {len(skipped)} skipped (output exists), {failed} failed",
              file=sys.stderr)
        for path in skipped:
            print(f"skipped {_field(path)}: output exists", file=sys.stderr)
    return 2 if failed else 0


def _version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("audiolab")
    except PackageNotFoundError:
        return "unknown (not installed)"


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m audiolab", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--params", help="the params.yaml of the models (default: the shipped model's for "
                                         "speech / music / noise, else params.yaml)")
    parser.add_argument("--models", help="the folder `dvc repro` wrote the models to; the first of train_seeds is "
                                         "used (default: the shipped real-audio model for speech / music / noise, "
                                         "the demo's models/ for emotion and gender)")
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
               "  python -m audiolab segment talk.flac\n"
               "  python -m audiolab segment talk.flac --format textgrid --out talk.TextGrid\n"
               "  python -m audiolab segment recordings/ --out-dir segments/ --skip-existing\n"
               "  python -m audiolab segment talk.flac --frames --out talk.frames.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    segment.add_argument("files", nargs="+", metavar="FILE", help="audio files, or folders of them")
    segment.add_argument("--out", help="one file: write here instead of standard output")
    segment.add_argument("--out-dir", help="several files or folders: one output per file here, named after it")
    segment.add_argument("--skip-existing", action="store_true", help="with --out / --out-dir: skip a file whose "
                                                                      "output exists")
    segment.add_argument("--format", choices=FORMATS, default="csv")
    segment.add_argument("--frames", action="store_true",
                         help="write every 10 ms frame's class probabilities and label instead of segments (CSV)")
    segment.add_argument("--threshold", type=float,
                         help="speech where the smoothed speech probability is at least this (0-1); default: "
                              "the most probable class")
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
