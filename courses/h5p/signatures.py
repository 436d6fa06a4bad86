"""What the first bytes of a packaged file must look like for its extension."""

SNIFF_BYTES = 64


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sniffed bytes is still text.
        return error.start >= len(head) - 3
    return True


def _mp3(head: bytes) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF
                                       and head[1] & 0xE0 == 0xE0)


SIGNATURES = {
    "png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "jpg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "gif": lambda h: h[:6] in (b"GIF87a", b"GIF89a"),
    "webp": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
    "bmp": lambda h: h.startswith(b"BM"),
    "tif": lambda h: h[:4] in (b"II*\x00", b"MM\x00*"),
    "tiff": lambda h: h[:4] in (b"II*\x00", b"MM\x00*"),
    "mp3": _mp3,
    "mp4": lambda h: h[4:8] == b"ftyp",
    "m4a": lambda h: h[4:8] == b"ftyp",
    "webm": lambda h: h.startswith(b"\x1a\x45\xdf\xa3"),
    "ogg": lambda h: h.startswith(b"OggS"),
    "oga": lambda h: h.startswith(b"OggS"),
    "ogv": lambda h: h.startswith(b"OggS"),
    "wav": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE",
    "pdf": lambda h: h.startswith(b"%PDF-"),
    "rtf": lambda h: h.startswith(b"{\\rtf"),
    "woff": lambda h: h.startswith(b"wOFF"),
    "woff2": lambda h: h.startswith(b"wOF2"),
    "ttf": lambda h: h[:4] in (b"\x00\x01\x00\x00", b"true", b"typ1"),
    "otf": lambda h: h.startswith(b"OTTO"),
    "eot": lambda h: h[34:36] == b"LP",
    "glb": lambda h: h.startswith(b"glTF"),
    "docx": lambda h: h.startswith(b"PK\x03\x04"),
    "xlsx": lambda h: h.startswith(b"PK\x03\x04"),
    "pptx": lambda h: h.startswith(b"PK\x03\x04"),
    "odt": lambda h: h.startswith(b"PK\x03\x04"),
    "ods": lambda h: h.startswith(b"PK\x03\x04"),
    "odp": lambda h: h.startswith(b"PK\x03\x04"),
    "doc": lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "xls": lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "ppt": lambda h: h.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "vtt": lambda h: h.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"),
    "webvtt": lambda h: h.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"),
    "json": _is_text,
    "gltf": _is_text,
    "txt": _is_text,
    "csv": _is_text,
    "md": _is_text,
    "js": _is_text,
    "css": _is_text,
    "svg": _is_text,
    "xml": _is_text,
    "diff": _is_text,
    "patch": _is_text,
    "textile": _is_text,
    "swf": lambda h: h[:3] in (b"FWS", b"CWS", b"ZWS"),
}
