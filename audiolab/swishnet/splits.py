"""The unit no MUSAN split may cut."""

GROUP_BY = ("file", "artist")


def split_groups_of(manifest, group_by):
    """Each file's split group: the file's own (the scan's ``group``) for ``file``; for
    ``artist`` its source and artist where the ANNOTATIONS name one (the pieces of one track,
    or one artist's songs, never cross splits), else the file's own."""
    if group_by not in GROUP_BY:
        raise ValueError(f"musan.group_by must be one of {', '.join(GROUP_BY)}, not {group_by!r}")
    by_file = manifest["group"].astype(str)
    if group_by == "file" or "artist" not in manifest:
        return by_file
    artist = manifest["artist"].where(manifest["artist"].notna() & (manifest["artist"].astype(str).str.strip() != ""))
    return ("artist:" + manifest["source"].astype(str) + "/" + artist.astype(str)).where(artist.notna(), by_file)
