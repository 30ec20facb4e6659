"""The unit no MUSAN split may cut, and the strata a split is drawn within."""

from audiolab.core.errors import check_choice

GROUP_BY = ("file", "artist", "speaker")
STRATIFY_BY = ("class", "source")


def split_groups_of(manifest, group_by):
    """Each file's split group: the file's own (the scan's ``group``) for ``file``; for
    ``artist`` its source and artist where the ANNOTATIONS name one (the pieces of one track,
    or one artist's songs, never cross splits), else the file's own; for ``speaker`` as for
    ``artist``, and every speech file grouped by its source folder (MUSAN's ANNOTATIONS name no
    speaker; in the realaudio corpus of tools/realcorpus.py each speech source is one speaker,
    so no speaker crosses splits)."""
    check_choice("musan.group_by", group_by, GROUP_BY)
    by_file = manifest["group"].astype(str)
    if group_by == "file":
        return by_file
    groups = by_file
    if "artist" in manifest:
        artist = manifest["artist"].where(manifest["artist"].notna() & (manifest["artist"].astype(str).str.strip() != ""))
        groups = ("artist:" + manifest["source"].astype(str) + "/" + artist.astype(str)).where(artist.notna(), by_file)
    if group_by == "speaker":
        speech = manifest["label"].astype(str) == "speech"
        groups = groups.where(~speech, "speaker:" + manifest["source"].astype(str))
    return groups


def split_strata_of(manifest, stratify_by):
    """Each file's stratum: its class for ``class`` (a source whose groups are few can land
    whole in one split); its class and source for ``source`` (each source's groups are split
    on their own, so a source with a group per split is in every split, as in a split by file)."""
    check_choice("musan.stratify_by", stratify_by, STRATIFY_BY)
    label = manifest["label"].astype(str)
    return label if stratify_by == "class" else label + "/" + manifest["source"].astype(str)
