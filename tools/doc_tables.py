"""Write the figures of README.md and docs/ from the tracked metrics files.

A Markdown file carries generated tables and figures between markers:

    <!-- table: musan_demo -->
    | ... |                                  (written by this tool)
    <!-- /table -->

    ... an accuracy of <!-- fig: metrics/musan_1s.json:accuracy|pm%.1f -->86.5 ± 2.6<!-- /fig --> % ...

A table's name is a key of one of the `docs/tables/*.yaml` files:

    musan_demo:
      header: [clip, overall %, SNS %]
      rows:
        - ["0.5 s", "{metrics/musan_0.5s.json:accuracy|pm%.1f}", "{metrics/musan_0.5s.json:sns_accuracy|%.1f}"]

A cell is text with `{FILE:KEY|FORMAT}` fields. FILE is relative to the repository root
(`.json`, `.yaml` or `.csv`); KEY is a dotted path into a JSON or YAML file (`accuracy`,
`seed_1.accuracy`), or `[COLUMN=VALUE].COLUMN` for a CSV row. FORMAT is a Python format
spec, optionally after `pm` (the value's `mean ± std`) and `%` (times 100): `pm%.1f` gives
`86.5 ± 2.6`, `%.1f` gives `86.5`, `.3f` gives `0.865`, `d` an integer. A value that is a
`{mean, std}` mapping gives its mean without `pm`. `met>=B` and `met<=B` give `met` or
`not met`: the value (its mean) against the bound B, for tables of targets.

    python tools/doc_tables.py            # rewrite every table and figure in place
    python tools/doc_tables.py --check    # exit 1, naming each one, if a file differs

`--index FILE` also writes every rendered table and figure to FILE (JSON), the `docs` stage's
output, so `dvc repro` re-renders the documents whenever a metrics file they read changes; the
stage runs `--lenient`, so an experiment that writes fewer metrics still reproduces.
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ["README.md", "docs/**/*.md", "realaudio/README.md"]
TABLE_FILES = "docs/tables/*.yaml"

TABLE = re.compile(r"(<!-- table: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- /table -->)", re.S)
FIGURE = re.compile(r"(<!-- fig: (?P<spec>[^>]+?) -->)(?P<body>.*?)(<!-- /fig -->)", re.S)
FIELD = re.compile(r"\{(?P<file>[^{}:]+):(?P<key>[^{}|]+)\|(?P<fmt>[^{}]*)\}")
FORMAT = re.compile(r"^(?P<pm>pm)?(?P<pct>%)?(?P<spec>.*)$")


class DocError(Exception):
    """A table or figure that cannot be rendered: unknown name, missing file or key."""


class Sources:
    """The metrics files read so far, each parsed once."""

    def __init__(self, root, strict=True):
        self.root, self.cache, self.strict, self.missing = Path(root), {}, strict, []

    def load(self, name):
        if name not in self.cache:
            path = self.root / name
            if not path.is_file():
                raise DocError(f"{name}: no such file")
            if path.suffix == ".csv":
                with path.open(newline="", encoding="utf-8") as handle:
                    self.cache[name] = list(csv.DictReader(handle))
            elif path.suffix == ".json":
                self.cache[name] = json.loads(path.read_text(encoding="utf-8"))
            else:
                self.cache[name] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return self.cache[name]

    def value(self, name, key):
        data = self.load(name)
        row = re.match(r"^\[(?P<column>[^=\]]+)=(?P<value>[^\]]*)\]\.(?P<field>.+)$", key)
        if row:
            matches = [r for r in data if r.get(row["column"]) == row["value"]]
            if len(matches) != 1 or row["field"] not in matches[0]:
                raise DocError(f"{name}: {len(matches)} rows with {row['column']}={row['value']}"
                               f" and field {row['field']!r}")
            return float(matches[0][row["field"]])
        found = _lookup(data, key.split("."))
        if found is None:
            raise DocError(f"{name}: no key {key!r}")
        return found


def _lookup(data, parts):
    """The value at a dotted key, whose parts may themselves hold dots (`finetuned.accuracy` is
    a key of its own in some metrics files, a nested one in others); None if there is none."""
    if not parts:
        return data
    if not isinstance(data, dict):
        return None
    for cut in range(len(parts), 0, -1):
        head = ".".join(parts[:cut])
        if head in data:
            found = _lookup(data[head], parts[cut:])
            if found is not None:
                return found
    return None


def render_value(value, fmt):
    """One figure as text (see the module's docstring for FORMAT)."""
    target = re.fullmatch(r"met(?P<op>>=|<=)(?P<bound>-?[\d.]+)", fmt)
    if target:  # a target: `met` or `not met`, from the value (a pair's mean) against the bound
        mean = value["mean"] if isinstance(value, dict) and "mean" in value else value
        if not isinstance(mean, (int, float)) or isinstance(mean, bool):
            raise DocError(f"not a number: {value!r}")
        bound = float(target["bound"])
        return "met" if (mean >= bound if target["op"] == ">=" else mean <= bound) else "not met"
    form = FORMAT.match(fmt)
    scale = 100.0 if form["pct"] else 1.0
    spec = form["spec"]
    if isinstance(value, dict) and {"mean", "std"} <= set(value):
        mean, std = value["mean"], value["std"]
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        mean, std = value, None
    else:
        raise DocError(f"not a number or a mean/std pair: {value!r}")
    if spec.endswith("d"):
        mean = int(round(mean))
    text = format(mean * scale if scale != 1.0 else mean, spec)
    if form["pm"]:
        if std is None:
            raise DocError(f"`pm` needs a mean/std pair, got {value!r}")
        text += " ± " + format(std * scale, spec)
    return text


MISSING = "n/a"


def render_cell(template, sources):
    def field(match):
        try:
            return render_value(sources.value(match["file"], match["key"]), match["fmt"])
        except DocError as error:
            if sources.strict:
                raise
            sources.missing.append(str(error))
            return MISSING

    return FIELD.sub(field, str(template))


def render_table(spec, sources):
    """A Markdown table from {header: [...], rows: [[cell, ...], ...]}."""
    header = [str(h) for h in spec["header"]]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    for row in spec["rows"]:
        if len(row) != len(header):
            raise DocError(f"a row has {len(row)} cells, the header {len(header)}: {row}")
        lines.append("| " + " | ".join(render_cell(cell, sources) for cell in row) + " |")
    return "\n".join(lines) + "\n"


def load_tables(root):
    tables = {}
    for path in sorted(Path(root).glob(TABLE_FILES)):
        for name, spec in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if name in tables:
                raise DocError(f"table {name!r} defined twice ({path.name})")
            tables[name] = spec
    return tables


def render_document(text, tables, sources, rendered=None):
    """`text` with every table and figure between its markers written anew; `rendered`, a
    dict, collects them by name."""
    rendered = {} if rendered is None else rendered

    def table(match):
        if match["name"] not in tables:
            raise DocError(f"no table named {match['name']!r} in {TABLE_FILES}")
        body = render_table(tables[match["name"]], sources)
        rendered[f"table:{match['name']}"] = body
        return match.group(1) + body + match.group(4)

    def figure(match):
        field = "{" + match["spec"].strip() + "}"
        if not FIELD.fullmatch(field):
            raise DocError(f"a figure is FILE:KEY|FORMAT, not {match['spec']!r}")
        body = render_cell(field, sources)
        rendered[f"fig:{match['spec'].strip()}"] = body
        return match.group(1) + body + match.group(4)

    return FIGURE.sub(figure, TABLE.sub(table, text))


def documents(root):
    found = []
    for pattern in DOCUMENTS:
        found += sorted(Path(root).glob(pattern))
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a document's figures differ from the metrics")
    parser.add_argument("--index", type=Path, help="also write every rendered table and figure here (JSON)")
    parser.add_argument("--lenient", action="store_true",
                        help=f"a figure whose file or key is missing renders as {MISSING} with a warning, not an"
                             " error (the docs stage: an experiment with fewer variants still reproduces)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sources, stale, rendered = Sources(args.root, strict=not args.lenient), [], {}
    try:
        tables = load_tables(args.root)
        for path in documents(args.root):
            text = path.read_text(encoding="utf-8")
            new = render_document(text, tables, sources, rendered)
            if new != text:
                stale.append(path.relative_to(args.root))
                if not args.check:
                    path.write_text(new, encoding="utf-8")
    except DocError as error:
        print(f"doc_tables: {error}", file=sys.stderr)
        return 2
    for problem in sorted(set(sources.missing)):
        print(f"doc_tables: warning: {problem}; rendered as {MISSING}", file=sys.stderr)
    if args.index:
        args.index.write_text(json.dumps(rendered, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    for path in stale:
        print(f"{path}: {'figures differ from the metrics files' if args.check else 'rewritten'}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
