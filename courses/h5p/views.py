"""H5P views: the sandboxed player page, its public assets and the xAPI endpoint.

The player page plays inside `<iframe sandbox="allow-scripts">`, and its own response
carries `Content-Security-Policy: sandbox allow-scripts` as well, so its document has an
opaque origin ("null") however it is opened, even directly in a tab. Everything it fetches
from us is therefore a cross-origin request: the asset view answers GETs of the public H5P
files with `Access-Control-Allow-Origin: *` and never reads cookies. The player starts only
with the attempt token the lesson page put into its URL; the player's own styles and fonts
(h5p-standalone's) come through `player_file` with the same header, since a font is always
fetched with CORS and the frame's origin is "null". The xAPI endpoint is reached only by
the parent page (same origin, session, CSRF token and that attempt token), never by the frame:
it and the saved-state endpoint are in `endpoint_views`.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from courses.h5p import storage
from courses.h5p.attempts import (
    AttemptRefused,
    h5p_attempt_check_content,
)
from courses.h5p.models import H5PContent, H5PLibrary
from courses.h5p.package import CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS, extension
from courses.h5p.selectors import h5p_user_data_for

# How often (seconds) H5P core saves the state of an item; it also saves 3 s after content
# reports progress. Setting: H5P_SAVE_SECONDS.
DEFAULT_USER_DATA_SAVE_SECONDS = 15

CONTENT_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "vtt": "text/vtt; charset=utf-8",
    "webvtt": "text/vtt; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "md": "text/plain; charset=utf-8",
    "csv": "text/plain; charset=utf-8",
    "diff": "text/plain; charset=utf-8",
    "patch": "text/plain; charset=utf-8",
    "textile": "text/plain; charset=utf-8",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "webp": "image/webp",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "oga": "audio/ogg",
    "ogv": "video/ogg",
    "gltf": "model/gltf+json",
    "glb": "model/gltf-binary",
}
# A file opened directly (not by the player) must not run anything: an SVG with a script,
# for instance, is rendered as inert in a sandbox with no permissions.
ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _origin(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def player_csp(origin: str) -> str:
    """The player's policy. 'self' is spelled out as the origin too: the sandboxed document's
    own origin is opaque, and browsers differ in what 'self' then means.

    `sandbox allow-scripts` (never `allow-same-origin`) gives the document an opaque origin
    even when it is opened outside the lesson's sandboxed iframe: other people's scripts
    then cannot read the site's pages, cookies or storage with the learner's session.
    """
    self_ = f"'self' {origin}"
    return "; ".join([
        "sandbox allow-scripts",
        "default-src 'none'",
        f"script-src {self_}",
        f"style-src {self_} 'unsafe-inline'",  # H5P sets inline styles everywhere
        f"img-src {self_} data: blob:",
        f"media-src {self_} blob:",
        f"font-src {self_} data:",
        f"connect-src {self_}",
        "frame-src 'none'",
        "frame-ancestors 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def _player_headers(response, origin: str):
    response["Content-Security-Policy"] = player_csp(origin)
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@xframe_options_sameorigin
def player(request, public_id):
    """The page inside the sandboxed iframe: our static player and the item's files only.

    It starts only with the attempt token of a lesson page that shows this content
    (`?versuch=`); the token is checked again when the parent page posts a result.
    """
    content = get_object_or_404(H5PContent, public_id=public_id)
    origin = _origin(request)
    try:
        attempt = h5p_attempt_check_content(token=request.GET.get("versuch"), content=content)
    except AttemptRefused as refused:
        return _player_headers(TemplateResponse(
            request, "courses/h5p/player_refused.html",
            {"content": content, "message": refused.message}, status=403), origin)
    h5p_json = reverse("h5p:content_asset", kwargs={"public_id": content.public_id,
                                                    "path": "h5p.json"})
    library_json = reverse("h5p:library_asset", kwargs={"folder": "L-1.0",
                                                        "path": "library.json"})
    config = {
        "contentId": str(content.public_id),
        "parentOrigin": origin,
        "origin": origin,
        # Absolute URLs: h5p-standalone resolves relative ones against location.origin,
        # which is "null" in the sandbox.
        "h5pJsonPath": origin + h5p_json.removesuffix("/h5p.json"),
        "contentJsonPath": origin + h5p_json.removesuffix("/h5p.json") + "/content",
        "librariesPath": origin + library_json.removesuffix("/L-1.0/library.json"),
        "frameJs": origin + static("vendor/h5p/frame.bundle.js"),
        # Through our view, not /static/: the fonts it names need CORS in every setup.
        "frameCss": origin + reverse("h5p:player_file", kwargs={"path": "styles/h5p.css"}),
        "objectIri": origin + reverse("h5p:player", kwargs={"public_id": content.public_id}),
        # The learner's saved state: the token names who the lesson page opened it for.
        "saveFreq": int(getattr(settings, "H5P_SAVE_SECONDS", DEFAULT_USER_DATA_SAVE_SECONDS)),
        "userData": h5p_user_data_for(learner_id=attempt.get("u"), lesson_id=attempt.get("l"),
                                      content=content),
    }
    return _player_headers(TemplateResponse(request, "courses/h5p/player.html",
                                            {"content": content, "config": config}), origin)


def _asset_response(path, ext: str, *, immutable: bool):
    content_type = CONTENT_TYPES.get(ext) or mimetypes.guess_type(f"x.{ext}")[0] \
        or "application/octet-stream"
    response = FileResponse(open(path, "rb"), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Content-Security-Policy"] = ASSET_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=31536000, immutable" if immutable \
        else "public, max-age=300"
    return response


@require_GET
def content_asset(request, public_id, path: str):
    """A public file of one content item (h5p.json, content.json, its media)."""
    if path != "h5p.json" and (not path.startswith("content/")
                               or extension(path) not in CONTENT_EXTENSIONS):
        raise Http404
    if not H5PContent.objects.filter(public_id=public_id).exists():
        raise Http404
    found = storage.safe_file(storage.content_dir(public_id), path)
    if found is None:
        raise Http404
    return _asset_response(found, extension(path), immutable=False)


@require_GET
def library_asset(request, folder: str, path: str):
    """A public file of an installed library version; these never change, so cache them."""
    if extension(path) not in LIBRARY_EXTENSIONS:
        raise Http404
    if not any(lib.folder == folder for lib in H5PLibrary.objects.filter(
            machine_name=folder.rsplit("-", 1)[0])):
        raise Http404
    found = storage.safe_file(storage.library_dir(folder), path)
    if found is None:
        raise Http404
    return _asset_response(found, extension(path), immutable=True)


# The player's own files the frame fetches: its styles, their fonts and images.
PLAYER_FILE_EXTENSIONS = frozenset("css woff woff2 ttf eot otf svg png gif jpg".split())
PLAYER_FILES = "vendor/h5p"


def _player_file_path(path: str):
    """A file of h5p-standalone's dist folder (the `vendor/h5p` entry of STATICFILES_DIRS,
    or STATIC_ROOT/vendor/h5p after collectstatic); None when missing or outside it."""
    bases = [Path(entry[1]) for entry in settings.STATICFILES_DIRS
             if isinstance(entry, tuple | list) and entry[0] == PLAYER_FILES]
    if settings.STATIC_ROOT:
        bases.append(Path(settings.STATIC_ROOT) / PLAYER_FILES)
    for base in bases:
        candidate = storage.safe_file(base, path)
        if candidate is not None:
            return candidate
    return None


@require_GET
def player_file(request, path: str):
    """One of the player's own styles, fonts or images, usable by the opaque-origin frame."""
    if extension(path) not in PLAYER_FILE_EXTENSIONS:
        raise Http404
    found = _player_file_path(path)
    if found is None:
        raise Http404
    return _asset_response(found, extension(path), immutable=False)
