"""Packs valid and broken `.h5p` files from the project's own test library.

`valid_files()` is a complete package (h5p.json, content, the H5P.TestQuestion library);
`BROKEN` maps a validator rule to a function that returns a package breaking exactly it.
"""

import io
import json
import struct
import zipfile

from courses.h5p.demo import demo_package_files

LIBRARY = "H5P.TestQuestion-1.0"
PNG = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR"
       + struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
       + b"\x1f\x15\xc4\x89" + b"\x00\x00\x00\x0dIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe"
       + b"\xa7\x35\x81\x84" + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def valid_files(**content) -> dict[str, bytes]:
    files = demo_package_files()
    files["content/images/pixel.png"] = PNG
    if content:
        data = json.loads(files["content/content.json"])
        data.update(content)
        files["content/content.json"] = json.dumps(data).encode()
    return files


def pack(files: dict, *, symlinks: dict[str, str] | None = None) -> bytes:
    """Zip `files` (name → bytes, in order, duplicates allowed as a list of pairs)."""
    buffer = io.BytesIO()
    items = files if isinstance(files, list) else list(files.items())
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            archive.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = 0o120777 << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def valid_package(**content) -> bytes:
    return pack(valid_files(**content))


def with_json(files: dict, name: str, **changes) -> dict:
    data = json.loads(files[name])
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    files[name] = json.dumps(data).encode()
    return files


def _rename_library(files: dict, old: str, new: str) -> dict:
    return {(new + name[len(old):] if name.startswith(old + "/") else name): data
            for name, data in files.items()}


def other_library_copy() -> bytes:
    """The same library version with different files (a changed script)."""
    files = valid_files()
    files[f"{LIBRARY}/question.js"] += b"\n/* a different copy */\n"
    files["content/content.json"] = json.dumps({"question": "Andere Kopie?", "answers": [
        {"text": "Ja", "correct": True}]}).encode()
    return pack(files)


def with_top_level_extras() -> bytes:
    """What people zip by hand or editors add: a readme and a licence at the top level,
    and macOS's `__MACOSX/` and `.DS_Store`. H5P core ignores all of these."""
    files = valid_files()
    files["README.txt"] = b"How to use this exercise."
    files["LICENSE"] = b"CC BY 4.0"
    files["__MACOSX/content/._content.json"] = b"\x00\x05\x16\x07"
    files[".DS_Store"] = b"\x00\x00\x00\x01Bud1"
    files["content/.DS_Store"] = b"\x00\x00\x00\x01Bud1"
    return pack(with_json(files, "h5p.json", title="Mit Readme"))


JQUERY_UI = "jQuery.ui-1.10"


def with_jquery_ui() -> bytes:
    """A package that bundles jQuery.ui-1.10 the way the H5P ecosystem ships it: its folder
    holds a `.diff` file next to the scripts (H5P.DragText, Interactive Video, …)."""
    files = valid_files()
    files[f"{JQUERY_UI}/library.json"] = json.dumps({
        "title": "jQuery UI", "machineName": "jQuery.ui", "majorVersion": 1,
        "minorVersion": 10, "patchVersion": 22, "runnable": 0,
        "preloadedJs": [{"path": "h5p-jquery-ui.js"}],
        "preloadedCss": [{"path": "h5p-jquery-ui.css"}]}).encode()
    files[f"{JQUERY_UI}/h5p-jquery-ui.js"] = b"/* jQuery UI */\n"
    files[f"{JQUERY_UI}/h5p-jquery-ui.css"] = b".ui-helper-hidden { display: none; }\n"
    files[f"{JQUERY_UI}/jquery-ui.diff"] = (
        b"--- a/jquery-ui.js\n+++ b/h5p-jquery-ui.js\n@@ -1 +1 @@\n-(function( $ ) {\n"
        b"+(function( $ ) { var jQuery = H5P.jQuery;\n")
    library = json.loads(files[f"{LIBRARY}/library.json"])
    library["preloadedDependencies"] = [
        {"machineName": "jQuery.ui", "majorVersion": 1, "minorVersion": 10}]
    files[f"{LIBRARY}/library.json"] = json.dumps(library).encode()
    return pack(with_json(files, "h5p.json", title="Mit jQuery UI"))


RESUMING = "H5P.TestQuestion-1.1"


def with_resumable_question(title: str = "Fortsetzen") -> bytes:
    """H5P.TestQuestion 1.1: the test question that also keeps its state the H5P way
    (`getCurrentState`, and `extras.previousState` when it starts again)."""
    files = _rename_library(valid_files(), LIBRARY, RESUMING)
    script = files[f"{RESUMING}/question.js"].decode()
    script = script.replace(
        "    this.contentId = contentId;\n",
        "    this.contentId = contentId;\n"
        "    var previous = arguments[2] && arguments[2].previousState;\n"
        "    this.chosen = previous && previous.chosen ? String(previous.chosen) : null;\n", 1)
    script = script.replace(
        "        var score = answer.correct ? 1 : 0;\n",
        "        var score = answer.correct ? 1 : 0;\n        self.chosen = answer.text;\n", 1)
    script = script.replace(
        "    if (self.params.probe) {\n",
        "    if (self.chosen) {\n"
        "      feedback.textContent = \"Zuletzt gewählt: \" + self.chosen;\n"
        "    }\n"
        "    if (self.params.probe) {\n", 1)
    script = script.replace(
        "  return TestQuestion;\n",
        "  TestQuestion.prototype.getCurrentState = function () {\n"
        "    return this.chosen ? { chosen: this.chosen } : undefined;\n"
        "  };\n\n"
        "  return TestQuestion;\n", 1)
    assert script.count("previousState") == 1 and "getCurrentState" in script
    files[f"{RESUMING}/question.js"] = script.encode()
    files = with_json(files, f"{RESUMING}/library.json", minorVersion=1)
    return pack(with_json(files, "h5p.json", title=title, preloadedDependencies=[
        {"machineName": "H5P.TestQuestion", "majorVersion": 1, "minorVersion": 1}]))


def content_only(title: str = "Nur Inhalt") -> bytes:
    """A package that relies on the installed library instead of bundling it."""
    files = {name: data for name, data in valid_files().items()
             if not name.startswith(LIBRARY + "/")}
    return pack(with_json(files, "h5p.json", title=title))


def _duplicate():
    items = list(valid_files().items())
    items.append(("content/images/pixel.png", PNG))
    return pack(items)


def _zip_bomb():
    files = valid_files()
    files["content/big.txt"] = b"0" * 60_000  # under the size limits, far over the ratio
    return pack(files)


# rule → (package bytes, a phrase the refusal must contain)
BROKEN = {
    "not a zip": (lambda: b"This is not a ZIP archive.", "not a readable"),
    "too many files": (lambda: pack({**valid_files(), **{f"content/f{i}.txt": b"x"
                                                          for i in range(30)}}),
                       "at most 20 are allowed"),
    "file too large": (lambda: pack({**valid_files(), "content/large.txt": b"a" * 70_000}),
                       "per file"),
    "total too large": (lambda: pack({**valid_files(), **{f"content/t{i}.txt": bytes(
        range(256)) * 100 for i in range(8)}}), "unpacks to"),
    "zip bomb": (_zip_bomb, "zip bomb"),
    "absolute path": (lambda: pack({**valid_files(), "/etc/passwd.txt": b"x"}),
                      "absolute path"),
    "dot dot": (lambda: pack({**valid_files(), "content/../../evil.txt": b"x"}), "“..”"),
    "backslash": (lambda: pack({**valid_files(), "content\\evil.txt": b"x"}), "backslash"),
    "symlink": (lambda: pack(valid_files(), symlinks={"content/link.txt": "/etc/passwd"}),
                "symbolic link"),
    "duplicate": (_duplicate, "more than once"),
    "symlink in a skipped folder": (lambda: pack(valid_files(),
                                                 symlinks={"__MACOSX/link": "/etc/passwd"}),
                                    "symbolic link"),
    "dot dot in a skipped folder": (lambda: pack({**valid_files(), "_x/../../evil.txt": b"x"}),
                                    "“..”"),
    "top-level file as a symlink": (lambda: pack(valid_files(),
                                                 symlinks={"README.txt": "/etc/passwd"}),
                                    "symbolic link"),
    "no h5p.json": (lambda: pack({k: v for k, v in valid_files().items() if k != "h5p.json"}),
                    "no h5p.json"),
    "h5p.json invalid": (lambda: pack({**valid_files(), "h5p.json": b"{nope"}),
                         "h5p.json is not valid JSON"),
    "no title": (lambda: pack(with_json(valid_files(), "h5p.json", title=None)), "title"),
    "bad language": (lambda: pack(with_json(valid_files(), "h5p.json", language="de_DE!")),
                     "language code"),
    "no mainLibrary": (lambda: pack(with_json(valid_files(), "h5p.json", mainLibrary=None)),
                       "mainLibrary"),
    "bad embedTypes": (lambda: pack(with_json(valid_files(), "h5p.json",
                                              embedTypes=["popup"])), "embedTypes"),
    "no preloadedDependencies": (lambda: pack(with_json(valid_files(), "h5p.json",
                                                        preloadedDependencies=None)),
                                 "preloadedDependencies"),
    "version not numeric": (lambda: pack(with_json(valid_files(), "h5p.json",
                                                   preloadedDependencies=[{
                                                       "machineName": "H5P.TestQuestion",
                                                       "majorVersion": "one",
                                                       "minorVersion": 0}])),
                            "given as numbers"),
    "no content.json": (lambda: pack({k: v for k, v in valid_files().items()
                                      if k != "content/content.json"}),
                        "no content/content.json"),
    "content.json invalid": (lambda: pack({**valid_files(), "content/content.json": b"[1,"}),
                             "content/content.json is not valid JSON"),
    "js in content": (lambda: pack({**valid_files(), "content/evil.js": b"alert(1)"}),
                      "not allowed in the content folder"),
    "svg in content": (lambda: pack({**valid_files(), "content/logo.svg": b"<svg/>"}),
                       "not allowed in the content folder"),
    "html in content": (lambda: pack({**valid_files(), "content/page.html": b"<p>"}),
                        "not allowed in the content folder"),
    "exe in library": (lambda: pack({**valid_files(), f"{LIBRARY}/tool.exe": b"MZ"}),
                       "not allowed in a library folder"),
    "fake image": (lambda: pack({**valid_files(), "content/images/photo.jpg": b"<script>"}),
                   "not what its name says"),
    "fake mp3": (lambda: pack({**valid_files(), "content/audio.mp3": b"<html></html>"}),
                 "not what its name says"),
    "fake pdf": (lambda: pack({**valid_files(), "content/doc.pdf": b"PK\x03\x04zip"}),
                 "not what its name says"),
    "swf in content": (lambda: pack({**valid_files(), "content/movie.swf": b"FWS\x0a"}),
                       "not allowed in the content folder"),
    "fake diff in a library": (lambda: pack({**valid_files(),
                                             f"{LIBRARY}/patch.diff": b"\x00\x01MZ"}),
                               "not what its name says"),
    "library folder badly named": (lambda: pack(_rename_library(valid_files(), LIBRARY,
                                                                "TestQuestion")),
                                   "not named like a library"),
    "library folder mismatch": (lambda: pack(_rename_library(valid_files(), LIBRARY,
                                                             "H5P.TestQuestion-1.1")),
                                "does not match"),
    "no library.json": (lambda: pack({k: v for k, v in valid_files().items()
                                      if k != f"{LIBRARY}/library.json"}),
                        "has no library.json"),
    "library.json invalid": (lambda: pack({**valid_files(), f"{LIBRARY}/library.json": b"{"}),
                             "library.json is not valid JSON"),
    "library without title": (lambda: pack(with_json(valid_files(), f"{LIBRARY}/library.json",
                                                     title=None)), "title"),
    "library patch version": (lambda: pack(with_json(valid_files(), f"{LIBRARY}/library.json",
                                                     patchVersion="x")), "patchVersion"),
    "library runnable": (lambda: pack(with_json(valid_files(), f"{LIBRARY}/library.json",
                                                runnable="yes")), "runnable"),
    "preloaded js missing": (lambda: pack({k: v for k, v in valid_files().items()
                                           if k != f"{LIBRARY}/question.js"}),
                             "not in the package"),
    "dependency missing": (lambda: pack(with_json(valid_files(), f"{LIBRARY}/library.json",
                                                  preloadedDependencies=[{
                                                      "machineName": "H5P.Missing",
                                                      "majorVersion": 1,
                                                      "minorVersion": 2}])),
                           "neither in the package nor installed"),
    "coreApi too new": (lambda: pack(with_json(valid_files(), f"{LIBRARY}/library.json",
                                               coreApi={"majorVersion": 1,
                                                        "minorVersion": 99})),
                        "needs H5P core 1.99"),
}
