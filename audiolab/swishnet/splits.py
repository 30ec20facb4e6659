"""The unit no MUSAN split may cut, and the strata a split is drawn within."""

from audiolab.core.errors import check_choice

GROUP_BY = ("file", "artist")
STRATIFY_BY = ("class", "source")


def split_groups_of(manifest, group_by):
    """Each file's split group: the file's own (the scan's ``group``) for ``file``; for
    ``artist`` its source and artist where the ANNOTATIONS name one (the pieces of one track,
    or one artist's songs, never cross splits), else the file's own."""
    check_choice("musan.group_by", group_by, GROUP_BY)
    by_file = manifest["group"].astype(str)
    if group_by == "file" or "artist" not in manifest:
        return by_file
    artist = manifest["artist"].where(manifest["artist"].notna() & (manifest["artist"].astype(str).str.strip() != ""))
    return ("artist:" + manifest["source"].astype(str) + "/" + artist.astype(str)).where(artist.notna(), by_file)


def split_strata_of(manifest, stratify_by):
    """Each file's stratum: its class for ``class`` (a source whose groups are few can land
    whole in one split); its class and source for ``source`` (each source's groups are split
    on their own, so a source with a group per split is in every split, as in a split by file)."""
    check_choice("musan.stratify_by", stratify_by, STRATIFY_BY)
    label = manifest["label"].astype(str)
    return label if stratify_by == "class" else label + "/" + manifest["source"].astype(str)
