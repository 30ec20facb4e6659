"""Audio shipped in Debian packages: pinned download and unpacking, the reserved packages, and
the licences of a machine-readable ``debian/copyright`` (DEP-5).

The real-recording stand-ins (tools/realcorpus.py) and the held-out programme
(bench/heldout.py) are built from Debian 12 (bookworm, main) packages. Both fetch them here:
``apt-get download`` of an exact version (nothing is installed) into ``CACHE/debs``, unpacked
with ``dpkg -x`` into ``CACHE/unpacked/<package>_<version>``; both are kept between runs.
"""

import fnmatch
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from audiolab.core.errors import AudiolabError

# Packages no corpus of this project may take audio from: they are kept for tests the project
# must never have seen. Every builder checks its package list against these before it downloads.
RESERVED = frozenset({
    "asterisk-core-sounds-en",
    "asterisk-core-sounds-en-wav",
    "asterisk-core-sounds-en-gsm",
    "drascula-music",
    "oxygen-sounds",
    "hyperrogue-music",
    "colobot-common-sounds",
})


# The held-out programme's packages (bench/heldout.py builds it from exactly these), {name: pinned
# version}: a test set no training corpus may draw from. The corpora of tools/realcorpus.py are
# checked against them before anything is downloaded.
HELDOUT = {  # package: version (Debian 12 bookworm, main)
    "tuxpaint-stamps-default": "2022.06.04-1",
    "extremetuxracer-data": "0.8.2-1",
    "xmoto-data": "0.6.1+repack-9",
    "chromium-bsu-data": "0.9.16.1-3",
    "bzflag-data": "2.4.26-1",
    "stormbaancoureur-data": "2.1.6-3.1",
    "pingus-data": "0.7.6-5.1",
}


class PackageError(AudiolabError):
    """A package that must not be used, or that cannot be downloaded at its pinned version."""


def check_not_reserved(packages):
    """PackageError if any of ``packages`` (names, or a {name: version} mapping) is reserved."""
    reserved = sorted(set(packages) & RESERVED)
    if reserved:
        raise PackageError(f"reserved package(s) {', '.join(reserved)} must never be used: "
                           "take the audio from another package")


def check_not_heldout(packages, corpus="this corpus"):
    """PackageError if any of ``packages`` (names, or a {name: version} mapping) is one of the
    held-out programme's (``HELDOUT``): its audio must stay unseen by every training corpus."""
    shared = sorted(set(packages) & set(HELDOUT))
    if shared:
        raise PackageError(f"package(s) {', '.join(shared)} of the held-out programme (bench/heldout.py) "
                           f"must not be used in {corpus}: take the audio from another package")


def file_version(version):
    """A version as apt-get spells it in a .deb's file name (an epoch's colon is ``%3a``)."""
    return version.replace(":", "%3a")


def download(package, version, debs):
    """The .deb of ``package`` at exactly ``version`` in the folder ``debs``, downloaded if missing."""
    pattern = f"{package}_{file_version(version)}_*.deb"
    found = sorted(Path(debs).glob(pattern))
    if not found:
        done = subprocess.run(["apt-get", "download", "-qq", f"{package}={version}"], cwd=debs,
                              capture_output=True, text=True)
        found = sorted(Path(debs).glob(pattern))
        if not found:
            problem = done.stderr.strip().splitlines()[-1:] or [f"apt-get exit status {done.returncode}"]
            raise PackageError(f"could not download {package}={version}: {problem[0]}")
    return found[0]


def unpack(packages, cache):
    """{package: the folder it is unpacked in} for ``packages`` {name: pinned version}, in their order.

    Refuses reserved packages before anything is downloaded. A package is unpacked beside its
    folder and then moved into place, so an interrupted run never leaves half a package.
    """
    check_not_reserved(packages)
    cache = Path(cache)
    debs = cache / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    roots = {}
    for package, version in packages.items():
        deb = download(package, version, debs)
        root = cache / "unpacked" / f"{package}_{file_version(version)}"
        if not root.is_dir():
            partial = root.with_name(root.name + ".partial")
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            subprocess.run(["dpkg", "-x", str(deb), str(partial)], check=True)
            partial.rename(root)
        roots[package] = root
    return roots


def copyright_text(root, package):
    """The text of an unpacked package's copyright file."""
    return (Path(root) / "usr/share/doc" / package / "copyright").read_text(encoding="utf-8", errors="replace")


def first_license(root, package):
    """The first License field of an unpacked package's copyright file."""
    found = re.search(r"^License:[ \t]*(\S.*)$", copyright_text(root, package), re.M)
    return found.group(1).strip() if found else f"see usr/share/doc/{package}/copyright"


class Stanza(NamedTuple):
    """One ``Files:`` paragraph of a DEP-5 copyright file."""
    patterns: list
    license: str    # the first line of its License field (the licence's short name)
    copyright: str  # its Copyright lines, joined with "; "
    # The Files lines that hold a space: DEP-5 separates patterns by whitespace, but some packages
    # list one file per line with spaces in its name (``sounds/heavy rocket hit.wav``), so such a
    # line is also tried whole.
    spaced: tuple = ()


_FIELD = re.compile(r"^([A-Za-z-]+):\s*(.*)$")


def dep5_stanzas(text):
    """The ``Files:`` stanzas of a machine-readable copyright file, in file order; stanzas without
    a License field (and the header and stand-alone licence texts) are left out."""
    stanzas = []
    for paragraph in re.split(r"\n\s*\n", text):
        fields, current = {}, None
        for line in paragraph.splitlines():
            field = _FIELD.match(line)
            if field:
                current = field.group(1).lower()
                fields[current] = [field.group(2)] if field.group(2) else []
            elif current and line.startswith((" ", "\t")):
                fields[current].append(line.strip())
        if "files" in fields and "license" in fields:
            holders = "; ".join(line for line in fields.get("copyright", []) if line and line != ".")
            spaced = tuple(line for line in fields["files"] if " " in line.strip())
            stanzas.append(Stanza(" ".join(fields["files"]).split(), (fields["license"] or [""])[0], holders, spaced))
    return stanzas


def dep5_match(stanzas, path, anchored=False):
    """The (license, copyright) of the last stanza whose patterns match ``path`` (DEP-5: the last
    match wins), or None. A pattern may match any tail of the path, since installed paths carry
    a prefix the source tree lacks (with ``anchored``, only the whole path: for a path already
    rewritten to the source tree's, where a tail could match another folder's stanza); the
    ``debian/*`` stanza (packaging only) is never used."""
    parts = path.split("/")
    tails = [path] if anchored else ["/".join(parts[i:]) for i in range(len(parts))]
    found = None
    for stanza in stanzas:
        if stanza.patterns == ["debian/*"]:
            continue
        if any(fnmatch.fnmatchcase(tail, pattern.lstrip("/")) for pattern in [*stanza.patterns, *stanza.spaced]
               for tail in tails):
            found = (stanza.license, stanza.copyright)
    return found
