"""What an uploaded document really is, and the name it is offered under.

The type is told by the file's first bytes, never by its name or the browser's claim. A
file that is a PDF or an image by its first bytes but also carries HTML markup near its
start (a "polyglot") is refused: a browser or viewer that sniffs content could run it as a
web page with the site's origin. Browsers sniff at most the first 1445 bytes (the
WHATWG "resource header"; older Internet Explorer scanned 256 bytes for tags anywhere), so
the first HTML_SCAN_BYTES are searched, case-insensitively, for tags that start a document
or run code. Only markers of five or more characters count, so that compressed or image
data hardly ever matches by chance (about 1 in 10^8 files).

Downloads are offered under the uploader's base name, reduced to letters, digits, spaces,
hyphens and underscores, with the extension of the detected type: `Lebenslauf.hta`
holding a PDF is offered as `Lebenslauf.pdf`.
"""

import re
import unicodedata

SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
}
HTML_SCAN_BYTES = 4096  # more than any browser sniffs (1445 bytes)
HTML_MARKERS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<iframe",
                b"<frame", b"<object", b"<embed", b"<svg", b"<meta", b"<style", b"<title",
                b"<form", b"<img", b"<link", b"<base", b"<a href", b"javascript:")
DOWNLOAD_STEM_MAX = 100


def sniff_content_type(head: bytes) -> str | None:
    """The document type told by the file's first bytes: PDF, PNG, JPEG or WebP, else None."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def contains_html_markup(head: bytes) -> bool:
    """Whether the first HTML_SCAN_BYTES carry a tag that makes the file a web page too."""
    text = head[:HTML_SCAN_BYTES].lower()
    return any(marker in text for marker in HTML_MARKERS)


def extension_for(content_type: str) -> str:
    """The file extension (without dot) of a detected type; "bin" for anything else."""
    return EXTENSIONS.get(content_type, "bin")


def safe_download_name(name: str, content_type: str, *, fallback: str = "document") -> str:
    """The uploader's base name, sanitised, with the extension of the detected type."""
    base = unicodedata.normalize("NFKC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, _extension = base.rpartition(".")
    if not dot or not stem.strip("."):
        stem = base  # no extension ("Lebenslauf") or only a leading dot (".hta")
        if stem.startswith("."):
            stem = ""
    stem = re.sub(r"[^\w\- ]+", "_", stem)  # dots, slashes, quotes, control characters
    stem = re.sub(r"_{2,}", "_", re.sub(r"\s+", " ", stem)).strip(" _-")
    stem = stem[:DOWNLOAD_STEM_MAX].strip(" _-") or fallback
    return f"{stem}.{extension_for(content_type)}"
