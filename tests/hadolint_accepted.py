"""Differences from hadolint 2.15 that are accepted, each with its reason.

ACCEPTED_KINDS lists whole kinds of difference, for what recurs across files:
(pydolint rule, side, predicate(instruction, document) -> bool, reason). The
predicate gets the instruction where the two tools disagree and its parsed
document. ACCEPTED lists single differences: (file, pydolint rule, instruction
line, side) -> reason. A side is "pydolint-only" or "hadolint-only".

Most are pydolint's documented improvements or hadolint's false positives.
"""

from __future__ import annotations

import re

from pydolint.analysis.images import image_uses
from pydolint.analysis.stages import is_windows_stage, lineage_instructions, stage_ships

# ------------------------------------------------------------------------------ predicates


def _stage(i, doc):
    return doc.stages[i.stage] if i.stage is not None else None


def _keyword(i) -> str:
    """The instruction's keyword, or for ONBUILD the one it wraps."""
    return (i.sub_instruction or i).keyword


def _text(i) -> str:
    """The instruction's line and its heredoc bodies."""
    return "\n".join([i.original, *(h.content for h in i.heredocs)])


def _copy_from(i) -> str | None:
    flag = (i.sub_instruction or i).flag("from")
    return flag.value if flag is not None else None


def in_windows_stage(i, doc) -> bool:
    stage = _stage(i, doc)
    return stage is not None and is_windows_stage(doc, stage)


def in_last_stage(i, doc) -> bool:
    return i.stage is not None and i.stage == len(doc.stages) - 1


def in_stage_only_copied_from(i, doc) -> bool:
    stage = _stage(i, doc)
    return stage is not None and not stage_ships(doc, stage)


def in_unused_intermediate_stage(i, doc) -> bool:
    """Not the last stage, and no other stage is built FROM it or copies from it."""
    used = {u.stage_index for u in image_uses(doc) if u.instruction.stage != u.stage_index}
    return not in_last_stage(i, doc) and i.stage not in used


def repeated_later_in_stage(i, doc) -> bool:
    stage = _stage(i, doc)
    return stage is not None and any(j.keyword == i.keyword and j.start_line > i.start_line
                                     for j in stage.instructions)


def repeated_earlier_in_stage(i, doc) -> bool:
    stage = _stage(i, doc)
    return stage is not None and any(j.keyword == i.keyword and j.start_line < i.start_line
                                     for j in stage.instructions)


def after_another_workdir(i, doc) -> bool:
    """A WORKDIR with an earlier WORKDIR in its stage or the stages it is built FROM."""
    stage = _stage(i, doc)
    if stage is None:
        return False
    earlier = []
    for j in lineage_instructions(doc, stage):
        if j is i:
            break
        earlier.append(j)
    return any(j.keyword == "WORKDIR" for j in earlier)


DOWNLOADER = re.compile(r"\b(curl|wget)\b")


def uses_only_first_downloader(i, doc) -> bool:
    """A RUN that calls only the download tool (curl or wget) its stage used first."""
    stage = _stage(i, doc)
    tools = [tool for j in (stage.instructions if stage else []) if j.keyword == "RUN"
             for tool in DOWNLOADER.findall(_text(j))]
    return i.keyword == "RUN" and bool(tools) and set(DOWNLOADER.findall(_text(i))) == {tools[0]}


def copies_from_stage_in_other_case(i, doc) -> bool:
    source = _copy_from(i)
    stage = doc.stage_named(source) if source else None
    return stage is not None and stage.name is not None and stage.name != source


def copies_from_image(i, doc) -> bool:
    """COPY --from an image reference (no stage of that name, not a stage number)."""
    source = _copy_from(i)
    return bool(source) and not source.isdigit() and doc.stage_named(source) is None


SH_C = re.compile(r"\b(sh|bash)\s+(-\S+\s+)*-c\s+[\"']")
APT_NOT_APT_GET = re.compile(r"\bapt\s+(-\S+\s+)*install\b")
SUDO = re.compile(r"\bsudo\b")
CD = re.compile(r"(^|[\s;&|(])cd\s")
EXEC = re.compile(r"\bexec\b")
UV = re.compile(r"\buv\s+(pip|sync|add)\b")
PIP_DOWNLOAD_OR_WHEEL = re.compile(r"\bpip[\d.]*\s+(-\S+\s+)*(download|wheel)\b")
UPGRADE_OF_PIP_TOOLS = re.compile(r"\s(--upgrade|-U)\s+[^&;|]*\b(pip|setuptools|wheel)\b")
VERSION_RANGE = re.compile(r"[\w\]](~=|>=|<=|!=|<|>)\d|==\d[\w.]*\.\*")
REQUIREMENTS_OR_DOT = re.compile(r"\s(-r|--requirement)[\s=]|\s\.(\s|$)")
URL = re.compile(r"\bhttps?://")
GIT_SOURCE = re.compile(r"\bgit://|\bgit@|\.git\b")
CREDENTIAL_VALUE = re.compile(
    r"://[^/\s:@]+:[^/\s@]+@|\bAKIA[0-9A-Z]{16}\b|\bghp_\w+|-----BEGIN [A-Z ]*PRIVATE KEY")

WINDOWS = ("Windows stage (Windows base image, or a PowerShell/cmd SHELL): its commands are "
           "not POSIX sh, so pydolint's shell rules skip them; hadolint reads them as POSIX sh")
SEES_SH_C = ("pydolint reads the script inside `sh -c \"...\"`; hadolint sees one `sh` "
             "command with a string argument")
SEES_SUDO = "pydolint checks the command run by sudo; hadolint sees only `sudo`"
HADOLINT_NO_EXPANSION = ("pydolint substitutes ARG and ENV values first; hadolint reads the "
                         "text with its variables unexpanded")

# ---------------------------------------------------------------------------- kinds

ACCEPTED_KINDS: list[tuple[str, str, object, str]] = [
    *[(code, "hadolint-only", in_windows_stage, WINDOWS)
      for code in ("DF200", "DF202", "DF205", "DF208", "DF210", "DF213", "DF508", "PY300",
                   "PY302")],
    *[(code, "pydolint-only", lambda i, doc: SH_C.search(i.original), SEES_SH_C)
      for code in ("DF200", "DF202", "DF205", "DF206", "DF207", "DF211", "DF214", "DF218",
                   "PY302")],
    *[(code, "pydolint-only", lambda i, doc: SUDO.search(i.original), SEES_SUDO)
      for code in ("DF200", "DF205", "DF208")],
    ("DF100", "pydolint-only", lambda i, doc: _keyword(i) in ("COPY", "ADD", "RUN"),
     ("DF100 also checks images in COPY --from and RUN --mount=from= (documented); DL3006 "
      "checks FROM only")),
    ("DF100", "pydolint-only", lambda i, doc: i.keyword == "FROM" and "$" in i.original,
     "FROM $VAR: " + HADOLINT_NO_EXPANSION + " (DL3006 skips an image that starts with $)"),
    ("DF101", "pydolint-only", lambda i, doc: _keyword(i) in ("COPY", "ADD", "RUN"),
     ("DF101 also checks images in COPY --from and RUN --mount=from= (documented); DL3007 "
      "checks FROM only")),
    ("DF101", "pydolint-only", lambda i, doc: i.keyword == "FROM" and "$" in i.original,
     "FROM $VAR: " + HADOLINT_NO_EXPANSION),
    ("DF104", "pydolint-only",
     lambda i, doc: i.keyword == "FROM" and len(i.value) == 3 and i.value[2] != i.value[2].lower(),
     ("DF104 also reports stage names that are not lower case (BuildKit's StageNameCasing); "
      "DL3063 checks only the reserved names scratch and context, in lower case")),
    ("DF106", "hadolint-only", copies_from_stage_in_other_case,
     ("hadolint false positive: BuildKit matches --from=<stage> case-insensitively "
      "(findStateByName lower-cases it), so --from=BUILD names the stage `build`")),
    ("DF106", "hadolint-only", copies_from_image,
     ("hadolint false positive: DL3022 takes every --from without ':' for a stage name, but "
      "--from=redis or --from=ghcr.io/astral-sh/uv is an image BuildKit pulls; DF106 reports "
      "only invalid references and near-misses of a stage name")),
    ("DF107", "hadolint-only", lambda i, doc: "$" in (i.flag("platform").value or ""),
     ("a --platform made of variables is not a constant platform (BuildKit's "
      "FromPlatformFlagConstDisallowed skips any substitution); DL3029 flags every "
      "--platform that does not mention BUILDPLATFORM or TARGETPLATFORM")),
    ("DF200", "pydolint-only", lambda i, doc: APT_NOT_APT_GET.search(_text(i)),
     ("`apt install` installs recommended packages like `apt-get install`; DL3015 checks "
      "apt-get only")),
    ("DF201", "pydolint-only", in_unused_intermediate_stage,
     ("a stage nothing refers to can still be built with --target, so DF201 checks it; DL3009 "
      "checks only the last stage and stages used as a FROM base")),
    ("DF205", "pydolint-only", lambda i, doc: APT_NOT_APT_GET.search(_text(i)),
     ("`apt install` takes unpinned versions like `apt-get install`; DL3008 checks apt-get "
      "only")),
    ("DF206", "hadolint-only", in_stage_only_copied_from,
     ("a stage that is only copied from never ships its /var/cache/apk (documented); DL3019 "
      "checks every stage")),
    ("DF210", "hadolint-only",
     lambda i, doc: i.keyword == "RUN" and not in_windows_stage(i, doc) and CD.search(_text(i)),
     ("DF210 reports only a RUN that is nothing but cd, or a leading cd repeated from an earlier "
      "RUN; a cd that serves one RUN is how a step builds in place (documented); DL3003 flags "
      "every cd")),
    ("DF212", "hadolint-only", uses_only_first_downloader,
     ("DF212 reports the uses of the download tool that appears second in a stage; DL4001 "
      "flags every RUN with curl or wget once both have appeared, the first tool's too")),
    ("DF300", "pydolint-only", lambda i, doc: i.keyword == "ADD" and URL.search(i.original),
     "DF300 also reports ADD of a URL without --checksum (documented); DL3020 accepts any URL"),
    ("DF300", "hadolint-only", lambda i, doc: i.keyword == "ADD" and GIT_SOURCE.search(i.original),
     ("hadolint false positive: ADD of a Git repository is something COPY cannot do (BuildKit "
      "clones it); DL3020 knows only archives and http(s) URLs")),
    ("DF400", "pydolint-only", lambda i, doc: i.keyword == "FROM",
     ("hadolint flags only an explicit USER root; pydolint also flags an image that never "
      "switches away from root, unless its base image is known to default to a non-root user "
      "(hadolint issue #328)")),
    ("DF400", "hadolint-only", lambda i, doc: i.keyword == "USER" and not in_last_stage(i, doc),
     ("DF400 judges the stage that becomes the image (the last one); DL3002 flags the last "
      "USER root of every stage, even a build stage nobody runs")),
    ("DF400", "pydolint-only", lambda i, doc: i.keyword == "USER" and "$" in i.original,
     "USER $VAR: " + HADOLINT_NO_EXPANSION),
    ("DF401", "pydolint-only",
     lambda i, doc: _keyword(i) in ("ARG", "ENV") and CREDENTIAL_VALUE.search(i.original),
     ("DF401 also judges values (URLs with a password, AWS/GitHub key shapes, private keys), "
      "whatever the name (documented); DL3064 looks at names only")),
    ("DF500", "hadolint-only", lambda i, doc: i.keyword == "HEALTHCHECK",
     ("DF500 covers CMD and ENTRYPOINT, as BuildKit's JSONArgsRecommended does: a shell-form "
      "HEALTHCHECK is a probe the daemon runs, not PID 1 waiting for signals; DL3025 also "
      "flags HEALTHCHECK")),
    ("DF500", "hadolint-only",
     lambda i, doc: i.keyword in ("CMD", "ENTRYPOINT") and EXEC.search(i.original),
     ("the shell-form command starts the app with `exec`, so the app replaces the shell as PID "
      "1 and gets the signals (documented); DL3025 flags every shell form")),
    ("DF501", "pydolint-only", repeated_later_in_stage,
     ("DF501 reports the CMD/ENTRYPOINT/HEALTHCHECK that a later one overrides (as BuildKit's "
      "MultipleInstructionsDisallowed does); hadolint reports the later ones")),
    ("DF501", "hadolint-only", repeated_earlier_in_stage,
     ("hadolint reports the CMD/ENTRYPOINT/HEALTHCHECK that repeats an earlier one; DF501 "
      "reports the earlier, overridden one")),
    ("DF503", "hadolint-only", after_another_workdir,
     ("a relative WORKDIR after another WORKDIR of the stage or its parents builds on that "
      "one; like BuildKit's WorkdirRelativePath, DF503 reports only the first; DL3000 flags "
      "every relative WORKDIR")),
    ("DF503", "pydolint-only", lambda i, doc: i.keyword == "WORKDIR" and "$" in i.original,
     "WORKDIR $VAR: " + HADOLINT_NO_EXPANSION),
    ("DF506", "hadolint-only", lambda i, doc: i.keyword == "FROM" and not in_last_stage(i, doc),
     ("DF506 checks only the stage that becomes the image (the last one, or --target); "
      "DL3057 reports every stage without a HEALTHCHECK of its own or of its parents")),
    ("DF507", "pydolint-only", lambda i, doc: "$" in i.original,
     ("DF507 is BuildKit's UndefinedVar: any variable used where no ARG or ENV defines it; "
      "DL3044 only catches an ENV that uses a variable it defines itself")),
    ("PY300", "pydolint-only", lambda i, doc: UV.search(_text(i)),
     ("uv keeps a download cache too (`uv pip install`, `uv sync`, `uv add`); hadolint does "
      "not know uv")),
    ("PY300", "pydolint-only", lambda i, doc: PIP_DOWNLOAD_OR_WHEEL.search(_text(i)),
     ("`pip download` and `pip wheel` fill pip's cache like `pip install`; DL3042 checks "
      "pip install only")),
    ("PY300", "hadolint-only", in_stage_only_copied_from,
     ("a stage that is only copied from never ships its pip cache (documented); DL3042 checks "
      "every stage")),
    ("PY302", "pydolint-only", lambda i, doc: UV.search(_text(i)),
     "PY302 checks `uv pip install` too; hadolint does not know uv"),
    ("PY302", "pydolint-only", lambda i, doc: VERSION_RANGE.search(_text(i)),
     ("PY302 counts a version range (`<2`, `>=1.20`, `~=0.27`, `==13.*`) as unpinned, since "
      "each build takes the newest match; DL3013 accepts any comparison operator")),
    ("PY302", "pydolint-only", lambda i, doc: REQUIREMENTS_OR_DOT.search(_text(i)),
     ("PY302 checks the packages named on the command line even when -r or . is installed too "
      "(documented); DL3013 skips the whole install")),
    ("PY302", "hadolint-only", lambda i, doc: UPGRADE_OF_PIP_TOOLS.search(_text(i)),
     ("`--upgrade pip setuptools wheel` is PY307's finding (pip-upgrade-unpinned), so PY302 "
      "leaves those three names to it; DL3013 reports them")),
]

# ------------------------------------------------------------------------- one-offs

_BUILDKIT_REJECTS = "BuildKit rejects it ({}); hadolint parses the file without complaint"
_HADOLINT_SC1072 = ("the file ends inside a continuation: hadolint keeps the trailing `\\` "
                    "and its shell parser fails (SC1072), so none of its shell rules run; "
                    "BuildKit runs the command")

ACCEPTED: dict[tuple[str, str, int, str], str] = {
    # DF000 syntax-error (DL1000): BuildKit is stricter than hadolint's parser
    ("fixtures/parser/binary/invalid-utf8.Dockerfile", "DF000", 2, "pydolint-only"):
        "bytes that are not UTF-8: BuildKit reads them, DF000 warns (documented); hadolint "
        "reads them silently",
    ("fixtures/parser/binary/line-too-long.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("a line over 64 KiB: 'dockerfile line greater than max "
                                 "allowed size of 65535'"),
    ("fixtures/parser/binary/nul-byte.Dockerfile", "DF000", 2, "pydolint-only"):
        "a NUL byte: BuildKit reads the file, DF000 warns (documented); hadolint reads it "
        "silently",
    ("fixtures/parser/stages/from-earlier-stage.Dockerfile", "DF000", 7, "pydolint-only"):
        _BUILDKIT_REJECTS.format("`FROM BASE`: BuildKit looks stage names up exactly as "
                                 "written, so BASE is an image, and upper case is invalid"),
    ("fixtures/rules/DF100/untagged-images.Dockerfile", "DF000", 12, "pydolint-only"):
        _BUILDKIT_REJECTS.format("`FROM SCRATCH`: only lower-case `scratch` is the empty image, "
                                 "and upper case is an invalid image name"),
    ("fixtures/parser/directives/duplicate-check.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'only one check parser directive can be used'"),
    ("fixtures/parser/directives/duplicate-escape.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'only one escape parser directive can be used'"),
    ("fixtures/parser/directives/duplicate-syntax.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'only one syntax parser directive can be used'"),
    ("fixtures/parser/directives/invalid-escape.Dockerfile", "DF000", 1, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'invalid escape token / does not match ` or \\'"),
    ("fixtures/parser/empty/comment-only.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'file with no instructions'"),
    ("fixtures/parser/empty/directives-only.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'file with no instructions'"),
    ("fixtures/parser/empty/empty.Dockerfile", "DF000", 1, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'file with no instructions'"),
    ("fixtures/parser/empty/whitespace-only.Dockerfile", "DF000", 4, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'file with no instructions'"),
    ("fixtures/parser/flags/flag-edge-cases.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("a RUN with a flag and no command"),
    ("fixtures/parser/flags/flag-edge-cases.Dockerfile", "DF000", 3, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'unknown flag: empty'"),
    ("fixtures/parser/flags/flag-edge-cases.Dockerfile", "DF000", 4, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'unknown flag: a'"),
    ("fixtures/parser/flags/flag-edge-cases.Dockerfile", "DF000", 5, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'unknown flag: abc'"),
    ("fixtures/parser/json/empty-array.Dockerfile", "DF000", 4, "pydolint-only"):
        _BUILDKIT_REJECTS.format("'SHELL requires at least one argument'"),
    ("fixtures/parser/json/non-string-copy-error.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("a JSON array with a non-string element"),
    ("fixtures/parser/json/non-string-error.Dockerfile", "DF000", 3, "pydolint-only"):
        _BUILDKIT_REJECTS.format("a JSON array with a non-string element"),
    ("fixtures/parser/json/null-element-error.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("a JSON array with a null element"),
    ("fixtures/parser/keyvalues/env-mixed-forms-error.Dockerfile", "DF000", 2, "pydolint-only"):
        _BUILDKIT_REJECTS.format("ENV mixing `A=1` and the legacy `B 2` form: 'can't find ='"),

    # DF100 image-untagged (DL3006)
    ("fixtures/parser/stages/from-earlier-stage.Dockerfile", "DF100", 7, "hadolint-only"):
        "`FROM BASE` is no valid image reference (upper case): pydolint reports the failing "
        "build as DF000 instead of calling it untagged",
    ("fixtures/rules/DF100/untagged-images.Dockerfile", "DF100", 12, "hadolint-only"):
        "`FROM SCRATCH` is no valid image reference (upper case): pydolint reports the failing "
        "build as DF000 instead of calling it untagged",

    # DF103 duplicate-stage-name (DL3024), DF106 copy-from-invalid (DL3022, DL3023)
    ("fixtures/rules/DF103/duplicates.Dockerfile", "DF103", 3, "pydolint-only"):
        "`AS Build` after `AS build`: BuildKit lower-cases stage names, so they collide; "
        "DL3024 compares them case-sensitively",
    ("fixtures/rules/DF100/onbuild-and-indexes.Dockerfile", "DF106", 2, "pydolint-only"):
        "--from=0 in stage 0 copies from itself; DL3023 compares stage names only, not indexes",
    ("fixtures/rules/DF106/self-later-missing.Dockerfile", "DF106", 3, "pydolint-only"):
        "--from=0 in stage 0 copies from itself; DL3023 compares stage names only, not indexes",
    ("fixtures/rules/DF106/self-later-missing.Dockerfile", "DF106", 5, "pydolint-only"):
        "RUN --mount=from= names a later stage; DL3022 checks COPY --from only",

    # DF107 platform-flag (DL3029, DL3065)
    ("fixtures/parser/flags/from-platform.Dockerfile", "DF107", 3, "pydolint-only"):
        "--platform=${TARGETPLATFORM:-linux/amd64} always takes TARGETPLATFORM, which BuildKit "
        "always sets, so it is redundant (BuildKit's RedundantTargetPlatform reports it); "
        "DL3065 recognises only the exact $TARGETPLATFORM or ${TARGETPLATFORM}",
    ("fixtures/rules/DF107/allowed.Dockerfile", "DF107", 3, "hadolint-only"):
        "the stage name (build-arm64) names the platform's architecture: a deliberate "
        "per-platform stage, which BuildKit's FromPlatformFlagConstDisallowed allows",
    ("fixtures/rules/DF107/allowed.Dockerfile", "DF107", 4, "hadolint-only"):
        "the stage name (linux-tools) names the platform's OS: a deliberate per-platform "
        "stage, which BuildKit's FromPlatformFlagConstDisallowed allows",

    # DF200 apt-no-install-recommends (DL3015), DF202 apt-missing-yes (DL3014)
    ("fixtures/rules/DF200/flags.Dockerfile", "DF200", 6, "hadolint-only"):
        "hadolint false positive: -o APT::Install-Recommends=0 disables recommends (apt reads "
        "0 as false); DL3015 accepts only =false",
    ("fixtures/rules/DF200/flags.Dockerfile", "DF200", 7, "hadolint-only"):
        "hadolint false positive: --option=APT::Install-Recommends=off disables recommends",
    ("fixtures/rules/DF202/forms.Dockerfile", "DF202", 14, "pydolint-only"):
        "apt-get upgrade asks for confirmation too; DL3014 checks install only",
    ("fixtures/rules/DF202/forms.Dockerfile", "DF202", 15, "pydolint-only"):
        "apt-get purge asks for confirmation too; DL3014 checks install only",
    ("fixtures/rules/DF202/forms.Dockerfile", "DF202", 20, "pydolint-only"):
        "apt-get dist-upgrade asks for confirmation too; DL3014 checks install only",
    ("fixtures/rules/DF202/forms.Dockerfile", "DF202", 11, "hadolint-only"):
        "hadolint false positive: -o APT::Get::Assume-Yes=true answers the prompt like -y",
    ("fixtures/rules/DF202/forms.Dockerfile", "DF202", 13, "hadolint-only"):
        "hadolint false positive: `yes |` answers the prompt",
    ("fixtures/rules/DF202/forms.Dockerfile", "DF202", 16, "hadolint-only"):
        "hadolint false positive: apt-get -s only simulates and asks nothing",

    # DF201 apt-lists-not-removed (DL3009)
    ("fixtures/rules/DF201/single-stage.Dockerfile", "DF201", 5, "pydolint-only"):
        "the lists are removed before apt-get update downloads them, so they stay; DL3009 "
        "accepts an rm anywhere in the RUN",
    ("fixtures/rules/DF201/single-stage.Dockerfile", "DF201", 15, "pydolint-only"):
        "rm -rf /var/lib/apt/lists/partial leaves the lists; DL3009 accepts any `rm -rf`",
    ("fixtures/rules/DF201/single-stage.Dockerfile", "DF201", 7, "hadolint-only"):
        "hadolint false positive: `apt-get dist-clean` (apt 3) removes the lists; DL3009 "
        "knows only rm",

    # DF206 apk-no-cache (DL3019)
    ("fixtures/rules/DF206/apk.Dockerfile", "DF206", 8, "hadolint-only"):
        "`apk add --virtual .build-deps ... && apk del .build-deps` is accepted as the issue "
        "specifies; hadolint flags it because the package index stays in /var/cache/apk",
    ("fixtures/rules/DF206/apk.Dockerfile", "DF206", 5, "pydolint-only"):
        "apk update stores the index in /var/cache/apk even when the apk add has --no-cache; "
        "DL3019 checks apk add only",
    ("fixtures/rules/DF206/apk.Dockerfile", "DF206", 6, "hadolint-only"):
        "hadolint false positive: rm -rf /var/cache/apk/* later in the RUN removes the index",
    ("fixtures/rules/DF206/apk.Dockerfile", "DF206", 13, "hadolint-only"):
        "hadolint false positive: apk add --no-network downloads no index",

    # DF208 rpm-hygiene (DL3030-DL3041)
    ("fixtures/rules/DF208/dnf.Dockerfile", "DF208", 15, "pydolint-only"):
        "dnf remove asks for confirmation too; DL3038 checks install commands only",
    ("fixtures/rules/DF208/yum.Dockerfile", "DF208", 7, "pydolint-only"):
        "yum makecache fills /var/cache/yum; DL3032 checks yum install only",

    # DF211 missing-pipefail (DL4006)
    ("fixtures/rules/DF202/forms.Dockerfile", "DF211", 13, "hadolint-only"):
        "the pipe is fed by `yes`, which cannot fail (documented)",
    ("fixtures/rules/DF211/debian-default-shell.Dockerfile", "DF211", 5, "hadolint-only"):
        "the pipe is fed by `echo`, which cannot fail (documented)",
    ("fixtures/rules/DF211/debian-default-shell.Dockerfile", "DF211", 6, "hadolint-only"):
        "the pipe is fed by `printf`, which cannot fail (documented)",
    ("fixtures/rules/DF216/verified.Dockerfile", "DF211", 2, "hadolint-only"):
        "the only pipe is fed by `echo`, which cannot fail (documented)",
    ("fixtures/rules/DF211/debian-default-shell.Dockerfile", "DF211", 8, "hadolint-only"):
        "`set -o pipefail &&` starts the script: either the shell takes it or the RUN fails at "
        "`set`, so no failure is hidden; DL4006 accepts pipefail only on SHELL",
    ("fixtures/rules/DF211/shell-pipefail.Dockerfile", "DF211", 6, "hadolint-only"):
        "hadolint false positive: the stage is built FROM a stage whose SHELL has -o pipefail, "
        "and BuildKit inherits SHELL from it; DL4006 forgets SHELL at every FROM",

    # DF213 consecutive-run (DL3059)
    ("fixtures/parser/flags/flag-edge-cases.Dockerfile", "DF213", 3, "hadolint-only"):
        "the RUN before it (`RUN --flag-only`) has no command (a syntax error), so there is "
        "nothing to merge with",

    # DF217 other-package-unpinned (DL3016, DL3028, DL3062)
    ("fixtures/rules/DF217/cargo.Dockerfile", "DF217", 2, "pydolint-only"):
        "cargo install without @version; hadolint has no cargo rule",
    ("fixtures/rules/DF217/cargo.Dockerfile", "DF217", 6, "pydolint-only"):
        "cargo install --git --branch main floats; hadolint has no cargo rule",
    ("fixtures/rules/DF217/go.Dockerfile", "DF217", 8, "pydolint-only"):
        "go run ...@main floats with the branch; DL3062 takes any @ for a version",
    ("fixtures/rules/DF217/go.Dockerfile", "DF217", 13, "hadolint-only"):
        "after COPY go.mod, go install without @version takes the version from go.mod",
    ("fixtures/rules/DF217/npm.Dockerfile", "DF217", 5, "pydolint-only"):
        "`npm i` is `npm install`; DL3016 checks `npm install` only",

    # DF218 wget-progress (DL3047)
    ("fixtures/rules/DF218/wget.Dockerfile", "DF218", 7, "hadolint-only"):
        "wget writes its progress to stderr, here sent to /dev/null, so nothing reaches the "
        "build log",

    # DF301 copy-dest-not-dir (DL3021)
    ("fixtures/rules/DF301/wildcards/Dockerfile", "DF301", 2, "pydolint-only"):
        "*.py matches two files of the build context, so the destination must end with /; "
        "DL3021 counts the arguments as written",
    ("fixtures/rules/DF301/wildcards/Dockerfile", "DF301", 4, "pydolint-only"):
        "conf/*.toml matches two files of the build context, so the destination must end "
        "with /; DL3021 counts the arguments as written",

    # DF400 runs-as-root (DL3002)
    ("fixtures/rules/DF004/multiple-names.Dockerfile", "DF400", 3, "hadolint-only"):
        "suppressed by the `# pydolint ignore=... runs-as-root` comment, which hadolint does "
        "not read",
    ("fixtures/rules/DF004/stale-and-used.Dockerfile", "DF400", 6, "hadolint-only"):
        "suppressed by the `# pydolint ignore=DF400` comment, which hadolint does not read",

    # DF401 secrets-in-arg-env (DL3064): names judged as BuildKit's SecretsUsedInArgOrEnv does
    ("fixtures/rules/DF401/names.Dockerfile", "DF401", 4, "pydolint-only"):
        "NPM_AUTH: `auth` is one of BuildKit's secret words; DL3064 has no such name or "
        "substring",
    ("fixtures/rules/DF401/names.Dockerfile", "DF401", 14, "pydolint-only"):
        "PASSWD: `passwd` is one of BuildKit's secret words; DL3064 looks for `password`",
    ("fixtures/rules/DF401/names.Dockerfile", "DF401", 15, "pydolint-only"):
        "SERVICE_CREDENTIALS: `credentials` is one of BuildKit's secret words; DL3064 has no "
        "such name or substring",
    ("fixtures/rules/DF401/names.Dockerfile", "DF401", 1, "hadolint-only"):
        "an ARG before the first FROM only feeds FROM lines and is not kept in the image "
        "(BuildKit does not check it either)",
    ("fixtures/rules/DF401/names.Dockerfile", "DF401", 5, "hadolint-only"):
        "API_KEY_FILE holds a path to a secret file: BuildKit's allow-list word `file` exempts "
        "it; DL3064 matches the substring api_key",

    # DF500 shell-form-entrypoint (DL3025)
    ("fixtures/rules/DF006/check-comments.Dockerfile", "DF500", 7, "hadolint-only"):
        "the `# check=skip=JSONArgsRecommended` comment before the CMD turns BuildKit's check "
        "off for it; pydolint honours it, hadolint does not read it",
    ("fixtures/rules/DF006/directives-ok.Dockerfile", "DF500", 7, "hadolint-only"):
        "the file's `# check=skip=JSONArgsRecommended` directive turns BuildKit's check off; "
        "pydolint honours it, hadolint does not read it",
    ("fixtures/rules/DF500/windows.Dockerfile", "DF500", 4, "hadolint-only"):
        "a Windows image whose stage sets a PowerShell SHELL: DF500 leaves both alone "
        "(documented), its advice is about /bin/sh as PID 1",
    ("fixtures/rules/DF500/shell-instruction-skipped.Dockerfile", "DF500", 3, "hadolint-only"):
        "the stage has a SHELL instruction (here bash, which hands the app the process), so "
        "BuildKit's JSONArgsRecommended and DF500 leave it alone (documented)",

    # DF502 maintainer-deprecated (DL4000)

    # DF506 missing-healthcheck (DL3057)
    ("fixtures/rules/DF004/global-and-other-tools.Dockerfile", "DF506", 3, "hadolint-only"):
        "suppressed by the file's `# checkov:skip=CKV_DOCKER_2` comment (CKV_DOCKER_2 is an "
        "alias of DF506), which hadolint does not read",

    # DF508 shell-via-ln (DL4005)
    ("fixtures/rules/DF508/fine.Dockerfile", "DF508", 5, "hadolint-only"):
        "/bin/busybox is BusyBox's multi-call binary, the stock /bin/sh of BusyBox and Alpine "
        "systems, not another shell such as bash or zsh, which is what DF508 reports",

    # PY300 pip-cache (DL3042)
    ("fixtures/parser/continuations/continuation-to-eof.Dockerfile", "PY300", 2,
     "pydolint-only"): _HADOLINT_SC1072,
    ("fixtures/rules/PY300/cache-mount-user.Dockerfile", "PY300", 4, "pydolint-only"):
        "the RUN runs as user app, whose cache is /home/app/.cache/pip, not the mounted "
        "/root/.cache/pip; DL3042 accepts any mount on a .cache/pip",
    ("fixtures/rules/PY300/cache-mount-user.Dockerfile", "PY300", 7, "hadolint-only"):
        "hadolint false positive: ENV PIP_CACHE_DIR=/tmp/pipcache puts the cache on the "
        "mounted /tmp/pipcache",
    ("fixtures/rules/PY300/disabled.Dockerfile", "PY300", 3, "hadolint-only"):
        "hadolint false positive: pip disables its cache for any PIP_NO_CACHE_DIR value, "
        "`off` included (kept for backward compatibility), and the stage is only copied from; "
        "DL3042 accepts only truthy values",
    ("fixtures/rules/PY300/disabled.Dockerfile", "PY300", 7, "hadolint-only"):
        "hadolint false positive: ARG PIP_NO_CACHE_DIR=1 is in the RUN's environment (and the "
        "stage is only copied from)",
    ("fixtures/rules/PY300/disabled.Dockerfile", "PY300", 12, "hadolint-only"):
        "hadolint false positive: the same RUN deletes /root/.cache/pip",
    ("fixtures/rules/PY300/disabled.Dockerfile", "PY300", 13, "hadolint-only"):
        "hadolint false positive: the same RUN deletes ~/.cache, which holds pip's cache",
    ("fixtures/rules/PY300/disabled.Dockerfile", "PY300", 15, "hadolint-only"):
        "hadolint false positive: the cache mount on /root/.cache covers /root/.cache/pip",

    # PY302 pip-unpinned-package (DL3013)
    ("fixtures/parser/continuations/continuation-to-eof.Dockerfile", "PY302", 2,
     "pydolint-only"): _HADOLINT_SC1072,
    ("fixtures/rules/DF002/folded-copy.Dockerfile", "PY302", 3, "pydolint-only"):
        "BuildKit folds `COPY . .` into the RUN after the blank continuation line (DF002), so "
        "pip is given a package named COPY; DL3013 skips the install because of the `.`",
    ("fixtures/rules/PY302/constraints.Dockerfile", "PY302", 6, "hadolint-only"):
        "hadolint false positive: ENV PIP_CONSTRAINT applies a constraints file",
    ("fixtures/rules/PY302/constraints.Dockerfile", "PY302", 9, "hadolint-only"):
        "hadolint false positive: an inline PIP_CONSTRAINT= applies a constraints file",
    ("fixtures/rules/PY302/constraints.Dockerfile", "PY302", 10, "hadolint-only"):
        "hadolint false positive: an exported PIP_CONSTRAINT applies a constraints file",
}
