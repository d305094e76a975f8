#!/usr/bin/env python3
"""Write a deterministic synthetic corpus of Dockerfiles for the benchmarks.

Every file is generated from a seeded random source; nothing is copied from
real projects. The corpus mixes the Python image styles pydolint cares about
(single-stage Flask, multi-stage wheel builds, uv with cache mounts, Poetry,
Alpine with build dependencies, Django/Gunicorn, Celery workers, multi-stage
builds with ARG-substituted bases) with the texture of real files: comments,
LABEL blocks, long ``&&`` chains over continuation lines, heredoc RUNs and
runs of ENV/RUN pairs. A share of files carry common mistakes (unpinned
tags, apt lists left behind, pip caches kept, ``cd`` in RUN...) so that the
linters have something to report.

Usage::

    python benchmarks/generate.py                 # 500 files in benchmarks/corpus/
    python benchmarks/generate.py -n 50 --seed 7  # another corpus
    python benchmarks/generate.py --scaling       # benchmarks/corpus/scaling/

File ``i`` depends only on the seed and ``i``, so the first 50 files of a
500-file corpus are the 50 files of a 50-file corpus.

``--scaling`` writes, in benchmarks/corpus/scaling/, one Dockerfile per
``--pairs`` count (default 100, 300, 1000) made of that many ENV/RUN pairs
in a single stage, and a ~1 MB Dockerfile built from corpus-style stages.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SCALING = CORPUS / "scaling"
DEFAULT_SEED = 20261123
MIN_LINES, MAX_LINES, MEDIAN_LINES = 10, 300, 50
DEFAULT_PAIRS = (100, 300, 1000)
LARGE_BYTES = 1024 * 1024
KEEP_BLANK = "\0blank"  # a blank line that trimming must keep (after heredocs)

# --------------------------------------------------------------------------- vocabulary

PY_VERSIONS = ["3.9", "3.10", "3.11", "3.12", "3.12", "3.12", "3.13"]
PY_PATCH = {"3.9": "3.9.20", "3.10": "3.10.15", "3.11": "3.11.10", "3.12": "3.12.7",
            "3.13": "3.13.0"}
DEBIAN_VARIANTS = ["slim", "slim", "slim-bookworm", "bookworm", "slim-bullseye"]
ALPINE_VARIANTS = ["alpine", "alpine3.20", "alpine3.19"]
APT_RUNTIME = ["ca-certificates", "curl", "tini", "libpq5", "netcat-openbsd", "gettext",
               "locales", "tzdata", "libjpeg62-turbo", "libxml2", "libmagic1", "postgresql-client",
               "git", "wget", "unzip", "procps", "dumb-init", "openssl", "libgomp1"]
APT_BUILD = ["build-essential", "gcc", "g++", "libpq-dev", "libffi-dev", "libssl-dev",
             "zlib1g-dev", "libjpeg-dev", "libxml2-dev", "libxslt1-dev", "pkg-config",
             "default-libmysqlclient-dev", "python3-dev", "cmake", "make", "git"]
APK_BUILD = ["build-base", "gcc", "musl-dev", "libffi-dev", "openssl-dev", "postgresql-dev",
             "jpeg-dev", "zlib-dev", "cargo", "rust", "linux-headers", "libxml2-dev",
             "libxslt-dev", "g++", "make"]
APK_RUNTIME = ["libpq", "libffi", "libjpeg-turbo", "tini", "bash", "curl", "ca-certificates",
               "tzdata", "libxml2", "libxslt", "su-exec"]
PIP_PACKAGES = ["flask==3.0.3", "gunicorn==22.0.0", "django==5.0.7", "celery[redis]==5.4.0",
                "psycopg2-binary==2.9.9", "requests==2.32.3", "uvicorn[standard]==0.30.6",
                "fastapi==0.112.2", "numpy==1.26.4", "pandas==2.2.2", "boto3==1.35.10",
                "redis==5.0.8", "sqlalchemy==2.0.32", "alembic==1.13.2", "pydantic==2.8.2",
                "whitenoise==6.7.0", "sentry-sdk==2.13.0", "httpx==0.27.2", "lxml==5.3.0",
                "pillow==10.4.0", "cryptography==43.0.0", "orjson==3.10.7"]
PIP_UNPINNED = ["flask", "gunicorn", "requests", "boto3", "redis", "pyyaml", "click", "rich"]
APPS = ["api", "web", "worker", "app", "service", "backend", "scheduler", "gateway",
        "ingest", "billing", "reports", "notifier"]
USERS = ["app", "appuser", "www", "django", "nonroot", "svc", "python"]
ORGS = ["acme", "example", "contoso", "initech", "globex", "umbrella", "hooli"]
COMMENTS = [
    "Install system dependencies", "Keep the image small", "Build wheels in a separate stage",
    "Copy only what is needed to install dependencies first, for better caching",
    "Create an unprivileged user", "Runtime configuration", "Compile translations",
    "Collect static files at build time", "See docs/deployment.md", "Python settings",
    "Do not buffer stdout/stderr", "TODO: pin this once upstream tags a release",
    "This layer changes rarely", "Application code", "Health endpoint is served by the app",
    "Needed by psycopg2", "Needed by Pillow", "Install the project itself last",
    "Use the lock file for reproducible builds", "FIXME: drop once the base image ships it",
]
ENV_NAMES = ["APP_HOME", "APP_ENV", "LOG_LEVEL", "PORT", "WORKERS", "TIMEOUT", "DATA_DIR",
             "CACHE_DIR", "CONFIG_PATH", "TZ", "LANG", "LC_ALL", "SENTRY_ENVIRONMENT",
             "DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "FLASK_APP", "GUNICORN_CMD_ARGS",
             "PIP_DISABLE_PIP_VERSION_CHECK", "PIP_NO_CACHE_DIR", "MAX_UPLOAD_MB", "FEATURE_FLAGS"]


def _pick(rng: random.Random, items: list[str], low: int, high: int) -> list[str]:
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def _continued(head: str, items: list[str], indent: str = "    ",
               first_inline: bool = False) -> list[str]:
    """``head \\`` then one item per line, each but the last ending in `` \\``."""
    if first_inline:
        if len(items) == 1:
            return [f"{head} {items[0]}"]
        lines = [f"{head} {items[0]} \\"]
        items = items[1:]
    else:
        lines = [head + " \\"]
    for i, item in enumerate(items):
        lines.append(indent + item + ("" if i == len(items) - 1 else " \\"))
    return lines


def _chain(commands: list[str], prefix: str = "RUN ", style: str = "leading") -> list[str]:
    """A RUN of ``&&``-joined commands over continuation lines."""
    if len(commands) == 1:
        return [prefix + commands[0]]
    if style == "leading":
        lines = [prefix + commands[0] + " \\"]
        for i, cmd in enumerate(commands[1:], 1):
            lines.append("    && " + cmd + ("" if i == len(commands) - 1 else " \\"))
        return lines
    lines = [prefix + commands[0] + " && \\"]
    for i, cmd in enumerate(commands[1:], 1):
        lines.append("    " + cmd + ("" if i == len(commands) - 1 else " && \\"))
    return lines


class Gen:
    """Blocks of Dockerfile text drawn from one random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.sloppy = rng.random() < 0.35  # this file carries a few common mistakes
        self.app = rng.choice(APPS)
        self.user = rng.choice(USERS)
        self.org = rng.choice(ORGS)
        self.py = rng.choice(PY_VERSIONS)
        self.workdir = rng.choice(["/app", "/srv/app", "/opt/app", "/code", "/usr/src/app",
                                   f"/opt/{self.app}"])
        self.counter = 0
        self.labelled = False

    # small helpers ---------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def mistake(self, p: float = 0.5) -> bool:
        return self.sloppy and self.rng.random() < p

    def next_id(self) -> int:
        self.counter += 1
        return self.counter

    def python_image(self, alpine: bool = False) -> str:
        if self.mistake(0.25):
            return self.rng.choice(["python", "python:latest", "python:3"])
        variant = self.rng.choice(ALPINE_VARIANTS if alpine else DEBIAN_VARIANTS)
        version = PY_PATCH[self.py] if self.chance(0.3) else self.py
        image = f"python:{version}-{variant}"
        if self.chance(0.08):
            digest = "".join(self.rng.choice("0123456789abcdef") for _ in range(64))
            image += f"@sha256:{digest}"
        if self.chance(0.1):
            image = "docker.io/library/" + image
        return image

    # blocks ----------------------------------------------------------------------------
    def comment(self) -> list[str]:
        lines = ["# " + self.rng.choice(COMMENTS)]
        if self.chance(0.25):
            lines.append("# " + self.rng.choice(COMMENTS))
        return lines

    def header(self) -> list[str]:
        lines: list[str] = []
        if self.chance(0.45):
            lines.append(self.rng.choice(["# syntax=docker/dockerfile:1",
                                          "# syntax=docker/dockerfile:1.7",
                                          "# syntax=docker/dockerfile:1.4"]))
        if self.chance(0.5):
            lines.append(f"# {self.org}/{self.app}: container image")
            if self.chance(0.5):
                lines.append("# Build with: docker build -t "
                             f"{self.org}/{self.app}:dev .")
        return lines

    def labels(self) -> list[str]:
        if self.labelled:  # one LABEL block per file; later ones add a single label
            key = self.rng.choice(["build.date", "git.sha", "team", "tier", "owner"])
            return [f'LABEL com.{self.org}.{key}="{self.rng.randint(1, 99999)}"']
        self.labelled = True
        pairs = [
            f'org.opencontainers.image.title="{self.app}"',
            f'org.opencontainers.image.vendor="{self.org.title()} Inc."',
            f'org.opencontainers.image.source="https://git.example.com/{self.org}/{self.app}"',
            f'org.opencontainers.image.licenses="{self.rng.choice(["MIT", "Apache-2.0", "BSD-3-Clause"])}"',
            'org.opencontainers.image.description="' + self.app.title() + ' service"',
            f'org.opencontainers.image.version="{self.rng.randint(0, 4)}.{self.rng.randint(0, 30)}.{self.rng.randint(0, 9)}"',
            f'maintainer="{self.user}@{self.org}.example"',
            f'com.{self.org}.team="{self.rng.choice(["platform", "data", "payments", "core"])}"',
        ]
        chosen = self.rng.sample(pairs, self.rng.randint(2, len(pairs)))
        if self.mistake(0.3):
            return [f'MAINTAINER {self.user} <{self.user}@{self.org}.example>']
        if self.chance(0.3):
            return ["LABEL " + p for p in chosen]
        return _continued("LABEL", chosen, "      ", first_inline=self.chance(0.6))

    def python_env(self) -> list[str]:
        pairs = ["PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1",
                 "PIP_NO_CACHE_DIR=1", "PIP_DISABLE_PIP_VERSION_CHECK=1",
                 "PYTHONFAULTHANDLER=1", "PYTHONHASHSEED=random", "LANG=C.UTF-8"]
        chosen = pairs[:2] + self.rng.sample(pairs[2:], self.rng.randint(0, 4))
        if self.chance(0.2):
            return [f"ENV {p.split('=')[0]} {p.split('=')[1]}" for p in chosen]  # legacy form
        if self.chance(0.3):
            return ["ENV " + p for p in chosen]
        return _continued("ENV", chosen, first_inline=self.chance(0.7))

    def apt_install(self, packages: list[str]) -> list[str]:
        flags = "-y" if self.mistake(0.6) else self.rng.choice(
            ["-y --no-install-recommends", "--no-install-recommends -y", "-yq --no-install-recommends"])
        lines = ["RUN apt-get update \\"]
        lines.append(f"    && apt-get install {flags} \\")
        for pkg in packages:
            lines.append(f"        {pkg} \\")
        if self.mistake(0.5):
            lines[-1] = lines[-1][:-2]
        else:
            if self.chance(0.3):
                lines.append("    && apt-get clean \\")
            lines.append("    && rm -rf /var/lib/apt/lists/*")
        return lines

    def apt_cache_mount(self, packages: list[str]) -> list[str]:
        lines = ["RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\",
                 "    --mount=type=cache,target=/var/lib/apt,sharing=locked \\",
                 "    rm -f /etc/apt/apt.conf.d/docker-clean \\",
                 "    && apt-get update \\",
                 "    && apt-get install -y --no-install-recommends \\"]
        lines += [f"        {p} \\" for p in packages]
        lines[-1] = lines[-1][:-2]
        return lines

    def pip_install(self, target: str = "-r requirements.txt") -> list[str]:
        cache = "" if self.mistake(0.6) else "--no-cache-dir "
        if self.chance(0.3):
            return [f"RUN pip install {cache}--upgrade pip setuptools wheel \\",
                    f"    && pip install {cache}{target}"]
        return [f"RUN pip install {cache}{target}"]

    def user_block(self) -> list[str]:
        uid = self.rng.choice([1000, 1001, 10001, 999])
        if self.chance(0.5):
            lines = _chain([f"groupadd --system --gid {uid} {self.user}",
                            (f"useradd --system --uid {uid} --gid {self.user} --no-create-home "
                             f"--home-dir {self.workdir} --shell /usr/sbin/nologin {self.user}")])
        else:
            lines = [f"RUN useradd -m -u {uid} {self.user}"]
        if self.chance(0.5):
            lines.append(f"RUN chown -R {self.user}:{self.user} {self.workdir}")
        lines.append(f"USER {self.user}" if self.chance(0.7) else f"USER {uid}:{uid}")
        return lines

    def env_run_pairs(self, count: int) -> list[str]:
        lines: list[str] = []
        for _ in range(count):
            n = self.next_id()
            name = f"{self.rng.choice(ENV_NAMES)}_{n}"
            value = self.rng.choice([f"/var/lib/{self.app}/{n}", str(self.rng.randint(1, 65535)),
                                     "production", "info", f"{self.app}.settings.prod",
                                     f"redis://redis:6379/{n % 16}"])
            lines.append(f"ENV {name}={value}" if self.chance(0.85) else f'ENV {name}="{value}"')
            lines.append(self.rng.choice([
                f'RUN mkdir -p "${name}" && chmod 0755 "${name}"',
                f'RUN echo "{name}=${{{name}}}" >> /etc/{self.app}.env',
                f"RUN test -n \"${name}\" || exit 1",
                f"RUN python -c \"import os; print(os.environ['{name}'])\"",
                f"RUN printf '%s\\n' \"${name}\" > /tmp/{name.lower()}",
            ]))
        return lines

    def long_chain(self, length: int) -> list[str]:
        pool = [
            f"mkdir -p {self.workdir}/static {self.workdir}/media {self.workdir}/logs",
            "python -m compileall -q /usr/local/lib/python3*/site-packages",
            "find /usr/local -depth -type d -name __pycache__ -exec rm -rf '{}' +",
            "find /usr/local -type f -name '*.pyc' -delete",
            f"ln -sf /dev/stdout {self.workdir}/logs/access.log",
            f"ln -sf /dev/stderr {self.workdir}/logs/error.log",
            "sed -i -e 's/# en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen",
            "locale-gen",
            "curl -fsSL https://example.com/install.sh -o /tmp/install.sh",
            "sh /tmp/install.sh --prefix=/usr/local",
            "rm -f /tmp/install.sh",
            "python -m pip check",
            "pip freeze > /tmp/freeze.txt",
            f"chmod -R g=u {self.workdir}",
            "update-ca-certificates",
            "echo 'Etc/UTC' > /etc/timezone",
            "ldconfig",
            f"touch {self.workdir}/.ready",
            f"tar -xzf /tmp/assets.tar.gz -C {self.workdir}/static",
            "rm -rf /tmp/* /var/tmp/*",
            "groupadd -r docker-users || true",
            "printf '[global]\\ntimeout = 60\\n' > /etc/pip.conf",
        ]
        commands = self.rng.sample(pool, min(length, len(pool)))
        if self.mistake(0.4):
            commands.insert(0, f"cd {self.workdir}")
        if self.mistake(0.2):
            commands.insert(1, "sudo chmod 755 /usr/local/bin")
        return _chain(commands, style=self.rng.choice(["leading", "trailing"]))

    def heredoc_run(self) -> list[str]:
        # Each heredoc is followed by a blank line: hadolint 2.x fails to parse a file
        # where anything but whitespace directly follows a heredoc terminator
        # (hadolint/hadolint#960, hadolint/language-docker#99), and the throughput
        # comparison should have both linters lint every file.
        return self._heredoc() + [KEEP_BLANK]

    def _heredoc(self) -> list[str]:
        kind = self.rng.randrange(4)
        if kind == 0:
            body = ["set -eux", "apt-get update",
                    "apt-get install -y --no-install-recommends " + " ".join(
                        _pick(self.rng, APT_RUNTIME, 2, 4)),
                    "rm -rf /var/lib/apt/lists/*"]
            return ["RUN <<EOF", *body, "EOF"]
        if kind == 1:
            body = ["import compileall, sys", "ok = compileall.compile_dir('/app', quiet=1)",
                    "sys.exit(0 if ok else 1)"]
            return ["RUN <<'PY' python", *body, "PY"]
        if kind == 2:
            return [f"COPY <<EOF {self.workdir}/gunicorn.conf.py",
                    'bind = "0.0.0.0:8000"',
                    f"workers = {self.rng.randint(2, 8)}",
                    f"timeout = {self.rng.choice([30, 60, 120])}",
                    'accesslog = "-"', "EOF"]
        return ["RUN <<-EOT bash", "\tset -euo pipefail",
                f"\tmkdir -p {self.workdir}/run",
                f"\techo 'ready' > {self.workdir}/run/state", "EOT"]

    def healthcheck(self, port: int) -> list[str]:
        if self.chance(0.5):
            return ["HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\",
                    f"    CMD curl -fsS http://localhost:{port}/health || exit 1"]
        return [(f'HEALTHCHECK CMD ["python", "-c", "import urllib.request; '
                 f"urllib.request.urlopen('http://localhost:{port}/health')\"]")]

    def copy_app(self) -> list[str]:
        if self.mistake(0.3):
            return [f"ADD . {self.workdir}"]
        if self.chance(0.3):
            return [f"COPY --chown={self.user}:{self.user} . ."]
        return ["COPY . ."]

    # filler used to reach a file's target size -----------------------------------------
    def filler(self, room: int) -> list[str]:
        options: list[tuple[float, object]] = [
            (1.5, self.comment),
            (1.5, self.labels),
            (2.5, lambda: self.env_run_pairs(self.rng.randint(1, max(1, min(12, room // 2))))),
            (2, lambda: self.long_chain(self.rng.randint(3, 14))),
            (1.2, self.heredoc_run),
            (1.2, lambda: self.apt_install(_pick(self.rng, APT_RUNTIME, 2, 8))),
            (1, lambda: [f"ARG {self.rng.choice(['BUILD_DATE', 'GIT_SHA', 'VERSION', 'RELEASE'])}"]),
            (1, lambda: [(f"COPY {self.rng.choice(['scripts', 'config', 'migrations', 'bin'])}/ "
                          f"{self.workdir}/{self.rng.choice(['scripts', 'config', 'bin'])}/")]),
            (1, lambda: [f"EXPOSE {self.rng.choice([8000, 8080, 5000, 9000])}"]),
            (0.8, lambda: [f"RUN python -m pip install {'' if self.mistake() else '--no-cache-dir '}"
                           + " ".join(_pick(self.rng, PIP_UNPINNED if self.sloppy else PIP_PACKAGES, 1, 3))]),
        ]
        weights = [w for w, _ in options]
        block = self.rng.choices([f for _, f in options], weights)[0]()
        if self.chance(0.3):
            block = self.comment() + block
        return block


# --------------------------------------------------------------------------- styles
# A style returns a list of stages; a stage is a list of blocks (lists of lines).
# Filler is inserted between blocks of a stage, never before its FROM block.

Stage = list[list[str]]


def style_minimal(g: Gen) -> list[Stage]:
    port = g.rng.choice([5000, 8000, 8080])
    stage: Stage = [
        [f"FROM {g.python_image()}"],
        [f"WORKDIR {g.workdir}"],
        ["COPY requirements.txt ."],
        g.pip_install(),
        g.copy_app(),
        [f"EXPOSE {port}"],
        [f'CMD ["python", "{g.app}.py"]' if not g.mistake() else f"CMD python {g.app}.py"],
    ]
    if g.chance(0.5):
        stage.insert(1, g.python_env())
    return [stage]


def style_flask(g: Gen) -> list[Stage]:
    port = g.rng.choice([5000, 8000, 8080])
    stage: Stage = [
        [f"FROM {g.python_image()}"],
        g.python_env() + [f"ENV FLASK_APP={g.app}.py", f"ENV PORT={port}"],
        g.apt_install(_pick(g.rng, APT_RUNTIME, 1, 4)),
        [f"WORKDIR {g.workdir}"],
        g.comment() + ["COPY requirements.txt ."],
        g.pip_install(),
        g.copy_app(),
        g.user_block(),
        [f"EXPOSE {port}"],
        g.healthcheck(port),
        [(f'CMD ["gunicorn", "--bind", "0.0.0.0:{port}", "--workers", '
          f'"{g.rng.randint(2, 8)}", "{g.app}:app"]')],
    ]
    return [stage]


def style_wheels(g: Gen) -> list[Stage]:
    base = g.python_image()
    builder: Stage = [
        [f"FROM {base} AS builder"],
        g.apt_install(_pick(g.rng, APT_BUILD, 2, 6)),
        ["WORKDIR /build"],
        ["COPY requirements.txt ."],
        ["RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt"],
    ]
    final: Stage = [
        [f"FROM {base}"],
        g.python_env(),
        g.apt_install(_pick(g.rng, APT_RUNTIME, 1, 4)),
        [f"WORKDIR {g.workdir}"],
        ["COPY --from=builder /wheels /wheels"],
        ["RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/* \\",
         "    && rm -rf /wheels"],
        g.copy_app(),
        g.user_block(),
        [f'ENTRYPOINT ["python", "-m", "{g.app}"]'],
    ]
    return [builder, final]


def style_uv(g: Gen) -> list[Stage]:
    uv = g.rng.choice(["0.4.18", "0.4.20", "0.5.1", "latest"] if g.sloppy else ["0.4.18", "0.5.1"])
    base = g.python_image()
    builder: Stage = [
        [f"FROM {base} AS builder"],
        [f"COPY --from=ghcr.io/astral-sh/uv:{uv} /uv /uvx /bin/"],
        ["ENV UV_COMPILE_BYTECODE=1 \\", "    UV_LINK_MODE=copy \\",
         "    UV_PYTHON_DOWNLOADS=never"],
        [f"WORKDIR {g.workdir}"],
        g.comment() + [
            "RUN --mount=type=cache,target=/root/.cache/uv \\",
            "    --mount=type=bind,source=uv.lock,target=uv.lock \\",
            "    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\",
            "    uv sync --frozen --no-install-project --no-dev"],
        ["COPY . ."],
        ["RUN --mount=type=cache,target=/root/.cache/uv \\",
         "    uv sync --frozen --no-dev"],
    ]
    final: Stage = [
        [f"FROM {base}"],
        g.python_env(),
        [f"WORKDIR {g.workdir}"],
        [f"COPY --from=builder --chown={g.user}:{g.user} {g.workdir} {g.workdir}"]
        if g.chance(0.5) else [f"COPY --from=builder {g.workdir} {g.workdir}"],
        [f'ENV PATH="{g.workdir}/.venv/bin:$PATH"'],
        g.user_block(),
        [f'CMD ["uvicorn", "{g.app}.main:app", "--host", "0.0.0.0", "--port", "8000"]'],
    ]
    return [builder, final]


def style_poetry(g: Gen) -> list[Stage]:
    base = g.python_image()
    builder: Stage = [
        [f"FROM {base} AS builder"],
        _continued("ENV", ["POETRY_VERSION=1.8.3", "POETRY_HOME=/opt/poetry",
                           "POETRY_VIRTUALENVS_IN_PROJECT=true", "POETRY_NO_INTERACTION=1",
                           "POETRY_CACHE_DIR=/tmp/poetry_cache"]),
        ['RUN pip install "poetry==$POETRY_VERSION"' if not g.mistake() else "RUN pip install poetry"],
        [f"WORKDIR {g.workdir}"],
        ["COPY pyproject.toml poetry.lock ./"],
        ["RUN --mount=type=cache,target=$POETRY_CACHE_DIR \\",
         "    poetry install --only main --no-root"] if g.chance(0.5) else
        ["RUN poetry install --only main --no-root && rm -rf $POETRY_CACHE_DIR"],
    ]
    final: Stage = [
        [f"FROM {base} AS runtime"],
        [f"ENV VIRTUAL_ENV={g.workdir}/.venv \\", f'    PATH="{g.workdir}/.venv/bin:$PATH"'],
        [f"WORKDIR {g.workdir}"],
        ["COPY --from=builder ${VIRTUAL_ENV} ${VIRTUAL_ENV}"],
        [f"COPY {g.app} ./{g.app}"],
        g.user_block(),
        [f'ENTRYPOINT ["python", "-m", "{g.app}"]'],
    ]
    return [builder, final]


def style_alpine(g: Gen) -> list[Stage]:
    build = _pick(g.rng, APK_BUILD, 3, 7)
    runtime = _pick(g.rng, APK_RUNTIME, 1, 4)
    stage: Stage = [
        [f"FROM {g.python_image(alpine=True)}"],
        g.python_env(),
        [f"WORKDIR {g.workdir}"],
        ["COPY requirements.txt ."],
        g.comment() + _continued("RUN apk add --no-cache --virtual .build-deps", build)[:-1]
        + ["    " + build[-1] + " \\",
           f"    && apk add --no-cache {' '.join(runtime)} \\",
           "    && pip install --no-cache-dir -r requirements.txt \\",
           "    && apk del .build-deps"],
        g.copy_app(),
        ["RUN addgroup -S app && adduser -S -G app app"],
        ["USER app"],
        [f'CMD ["python", "-m", "{g.app}"]'],
    ]
    if g.mistake():
        stage[4] = [f"RUN apk add {' '.join(build)}", "RUN pip install -r requirements.txt"]
    return [stage]


def style_django(g: Gen) -> list[Stage]:
    port = 8000
    project = g.rng.choice(["config", "mysite", "core", g.app])
    base = g.python_image()
    builder: Stage = [
        [f"FROM {base} AS build"],
        g.python_env(),
        g.apt_install(_pick(g.rng, ["build-essential", "libpq-dev", "gettext", "libjpeg-dev",
                                    "zlib1g-dev"], 2, 5)),
        ["RUN python -m venv /opt/venv"],
        ['ENV PATH="/opt/venv/bin:$PATH"'],
        ["COPY requirements/ /tmp/requirements/"],
        ["RUN pip install --no-cache-dir -r /tmp/requirements/production.txt"],
    ]
    final: Stage = [
        [f"FROM {base}"],
        g.python_env() + [f"ENV DJANGO_SETTINGS_MODULE={project}.settings.production"],
        g.apt_install(["libpq5", "gettext"] + _pick(g.rng, APT_RUNTIME, 0, 3)),
        ["COPY --from=build /opt/venv /opt/venv"],
        ['ENV PATH="/opt/venv/bin:$PATH"'],
        [f"WORKDIR {g.workdir}"],
        g.copy_app(),
        _chain(["python manage.py collectstatic --noinput", "python manage.py compilemessages"]),
        ["COPY docker-entrypoint.sh /usr/local/bin/"],
        ["RUN chmod +x /usr/local/bin/docker-entrypoint.sh"],
        g.user_block(),
        [f"EXPOSE {port}"],
        ['ENTRYPOINT ["docker-entrypoint.sh"]'],
        [(f'CMD ["gunicorn", "{project}.wsgi:application", "--bind", "0.0.0.0:{port}", '
          f'"--workers", "{g.rng.randint(2, 9)}", "--access-logfile", "-"]')],
    ]
    return [builder, final]


def style_celery(g: Gen) -> list[Stage]:
    stage: Stage = [
        [f"FROM {g.python_image()}"],
        g.python_env(),
        ["ENV CELERY_BROKER_URL=redis://redis:6379/0 \\",
         "    CELERY_RESULT_BACKEND=redis://redis:6379/1"],
        g.apt_install(_pick(g.rng, APT_RUNTIME, 1, 3)),
        [f"WORKDIR {g.workdir}"],
        ["COPY requirements.txt ."],
        g.pip_install(),
        g.copy_app(),
        g.user_block(),
        [f'CMD ["celery", "-A", "{g.app}", "worker", "--loglevel=INFO", '
         f'"--concurrency={g.rng.randint(1, 8)}"]'
         if not g.mistake() else f"CMD celery -A {g.app} worker -l info"],
    ]
    return [stage]


def style_arg_multistage(g: Gen) -> list[Stage]:
    variant = g.rng.choice(DEBIAN_VARIANTS)
    preamble: Stage = [
        [f"ARG PYTHON_VERSION={g.py}"],
        [f"ARG BASE_IMAGE=python:${{PYTHON_VERSION}}-{variant}"],
        [f"ARG NODE_VERSION={g.rng.choice(['18', '20', '22'])}"],
    ]
    frontend: Stage = [
        ["FROM node:${NODE_VERSION}-alpine AS frontend"],
        ["WORKDIR /frontend"],
        ["COPY frontend/package.json frontend/package-lock.json ./"],
        ["RUN --mount=type=cache,target=/root/.npm npm ci"],
        ["COPY frontend/ ./"],
        ["RUN npm run build"],
    ]
    base: Stage = [
        ["FROM ${BASE_IMAGE} AS base"],
        g.python_env(),
        [f"WORKDIR {g.workdir}"],
    ]
    deps: Stage = [
        ["FROM base AS deps"],
        g.apt_cache_mount(_pick(g.rng, APT_BUILD, 2, 5)),
        ["COPY requirements.txt ."],
        ["RUN --mount=type=cache,target=/root/.cache/pip \\",
         "    pip install --prefix=/install -r requirements.txt"],
    ]
    final: Stage = [
        ["FROM base AS final"],
        ["ARG PYTHON_VERSION"],
        [f'LABEL org.opencontainers.image.base.name="python:${{PYTHON_VERSION}}-{variant}"'],
        ["COPY --from=deps /install /usr/local"],
        [f"COPY --from=frontend /frontend/dist {g.workdir}/static"],
        g.copy_app(),
        g.user_block(),
        ["EXPOSE 8000"],
        [f'CMD ["python", "-m", "{g.app}"]'],
    ]
    stages = [frontend, base, deps, final] if g.chance(0.6) else [base, deps, final]
    # global ARGs live before the first FROM: prepend them to the first stage
    stages[0] = preamble + stages[0]
    return stages


def style_env_heavy(g: Gen) -> list[Stage]:
    """Configuration-heavy images: runs of ENV followed by RUNs that use them."""
    stage: Stage = [
        [f"FROM {g.python_image()}"],
        g.python_env(),
        g.env_run_pairs(g.rng.randint(3, 10)),
        [f"WORKDIR {g.workdir}"],
        ["COPY requirements.txt ."],
        g.pip_install(),
        g.copy_app(),
        [f'CMD ["python", "-m", "{g.app}"]'],
    ]
    return [stage]


STYLES = [
    # (name, builder, weight, typical core size)
    ("minimal", style_minimal, 1.0),
    ("flask", style_flask, 1.4),
    ("wheels", style_wheels, 1.2),
    ("uv", style_uv, 1.2),
    ("poetry", style_poetry, 1.0),
    ("alpine", style_alpine, 0.9),
    ("django", style_django, 1.0),
    ("celery", style_celery, 0.8),
    ("argbase", style_arg_multistage, 1.0),
    ("envheavy", style_env_heavy, 0.6),
]


def _render(stages: list[Stage], header: list[str], g: Gen) -> list[str]:
    lines = list(header)
    for i, stage in enumerate(stages):
        if i and g.chance(0.8):
            lines.append("")
        for j, block in enumerate(stage):
            lines.extend(block)
            if g.chance(0.35) and j < len(stage) - 1:
                lines.append("")
    return lines


def _count(stages: list[Stage], header: list[str]) -> int:
    # blank separators are added at render time; estimate them at ~30 %
    body = sum(len(b) for s in stages for b in s)
    return len(header) + body + int(0.3 * sum(len(s) for s in stages))


def target_lines(rng: random.Random) -> int:
    """Log-normal around the median, clipped to [MIN_LINES, MAX_LINES]."""
    value = rng.lognormvariate(math.log(MEDIAN_LINES) - 0.1, 0.62)
    return max(MIN_LINES, min(MAX_LINES, round(value)))


def generate_one(seed: int, index: int) -> tuple[str, str]:
    """(style name, Dockerfile text) of file ``index`` for ``seed``."""
    name, text, _ = _generate(seed, index)
    return name, text


def _generate(seed: int, index: int) -> tuple[str, str, Gen]:
    rng = random.Random(f"{seed}:{index}")
    target = target_lines(rng)
    g = Gen(rng)
    if target < 22:
        name, build = "minimal", style_minimal
    else:
        name, build, _ = rng.choices(STYLES, [w for _, _, w in STYLES])[0]
    stages = build(g)
    header = g.header()
    if g.chance(0.6):
        # labels usually sit right after the FROM of the final stage
        stages[-1].insert(1, g.labels())
    # pad with filler until the estimate reaches the target
    budget = 200
    while _count(stages, header) < target and budget:
        budget -= 1
        room = target - _count(stages, header)
        block = g.filler(room)
        if len(block) > (room if target > MAX_LINES - 10 else room + 3):
            continue
        stage = stages[-1] if g.chance(0.75) or len(stages) == 1 else g.rng.choice(stages[:-1])
        # never before FROM (index 0 plus any global ARG preamble), never after the last block
        first = next(k for k, b in enumerate(stage) if b and b[0].startswith("FROM")) + 1
        position = g.rng.randint(first, max(first, len(stage) - 1))
        stage.insert(position, block)
    lines = _render(stages, header, g)
    while len(lines) > MAX_LINES and "" in lines:  # drop blank separators, last first
        del lines[len(lines) - 1 - lines[::-1].index("")]
    return name, "\n".join("" if line == KEEP_BLANK else line for line in lines) + "\n", g


# --------------------------------------------------------------------------- build contexts
# Each Dockerfile gets its own project directory holding what it COPYs, as in a
# real repository: pydolint lints a Dockerfile against its build context (the
# file's directory), so a corpus of loose files in one shared directory would
# make every Dockerfile's context the whole corpus and every COPY source missing.

def _copy_sources(text: str) -> list[str]:
    """Build-context paths named by COPY/ADD (not --from, not heredocs) and bind mounts."""
    sources: list[str] = []
    for line in text.split("\n"):
        words = line.split()
        if words and words[0] in ("COPY", "ADD") and "<<" not in line:
            args = [w for w in words[1:] if not w.startswith("--")]
            if not any(w.startswith("--from=") for w in words) and len(args) >= 2:
                sources += args[:-1]
        for option in line.replace(",", " ").split():
            if option.startswith("source=") and "type=bind" in line and "from=" not in line:
                sources.append(option[len("source="):])
    return sources


_DIR_FILES = {
    "requirements": {"base.txt": "REQS", "production.txt": "-r base.txt\ngunicorn==22.0.0\n"},
    "frontend": {"package.json": '{"name": "frontend", "private": true, '
                                 '"scripts": {"build": "vite build"}}\n',
                 "package-lock.json": '{"name": "frontend", "lockfileVersion": 3}\n',
                 "src/main.js": "console.log('hello');\n"},
    "scripts": {"entrypoint.sh": "#!/bin/sh\nset -e\nexec \"$@\"\n",
                "wait-for-db.sh": "#!/bin/sh\nuntil nc -z db 5432; do sleep 1; done\n"},
    "config": {"settings.toml": "[app]\ndebug = false\n", "logging.ini": "[loggers]\nkeys=root\n"},
    "migrations": {"0001_initial.py": "# initial migration\n", "__init__.py": ""},
    "bin": {"run.sh": "#!/bin/sh\nexec python -m app\n"},
}


def project_files(seed: int, index: int) -> tuple[str, str, dict[str, str]]:
    """(style, Dockerfile text, {relative path: content}) of corpus project ``index``."""
    style, text, g = _generate(seed, index)
    rng = random.Random(f"{seed}:{index}:context")  # separate stream: text stays the same
    reqs = "\n".join(sorted(rng.sample(PIP_PACKAGES, rng.randint(3, 9)))) + "\n"
    files: dict[str, str] = {"Dockerfile": text}
    app = g.app
    files[f"{app}/__init__.py"] = ""
    files[f"{app}/main.py"] = f'"""The {app} service."""\n\n\ndef main():\n    print("{app}")\n'
    files[f"{app}.py"] = f"from {app}.main import main\n\nmain()\n"
    files["README.md"] = f"# {app}\n"
    files["tests/test_smoke.py"] = "def test_smoke():\n    assert True\n"
    if style == "django":
        files["manage.py"] = "#!/usr/bin/env python\nimport sys\n"
    for source in _copy_sources(text):
        name = source.rstrip("/").removeprefix("./")
        if name in ("", "."):
            continue
        if name in _DIR_FILES:
            for sub, content in _DIR_FILES[name].items():
                files[f"{name}/{sub}"] = reqs if content == "REQS" else content
        elif name == app:
            continue
        elif name.endswith(".txt"):
            files[name] = reqs
        elif name == "pyproject.toml":
            files[name] = (f'[project]\nname = "{app}"\nversion = "0.1.0"\n'
                           f'requires-python = ">={g.py}"\ndependencies = [\n'
                           + "".join(f'    "{r}",\n' for r in reqs.split()) + "]\n")
        elif name.endswith(".lock"):
            files[name] = f"# {name}: synthetic lock file\nversion = 1\n"
        elif name.endswith(".sh"):
            files[name] = "#!/bin/sh\nset -e\nexec \"$@\"\n"
        else:
            files[name] = ""
    if not g.sloppy or rng.random() < 0.3:
        files[".dockerignore"] = ".git\n.venv\n__pycache__/\n*.pyc\n.env\ntests/\n"
    return style, text, files


def write_corpus(count: int, seed: int = DEFAULT_SEED, out: Path = CORPUS) -> list[Path]:
    """Write projects ``out/NNNN-style/`` (a Dockerfile and its build context)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():  # only what this script writes: NNNN-* entries
        if old.name[:4].isdigit() and old.name[4:5] == "-":
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink()
    paths = []
    for i in range(count):
        style, _, files = project_files(seed, i)
        project = out / f"{i:04d}-{style}"
        for relative, content in files.items():
            target = project / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        paths.append(project / "Dockerfile")
    return paths


def corpus_files(count: int | None = None, seed: int = DEFAULT_SEED, out: Path = CORPUS) -> list[Path]:
    """The first ``count`` corpus Dockerfiles, generating the corpus when missing or short."""
    existing = sorted(out.glob("[0-9][0-9][0-9][0-9]-*/Dockerfile"))
    wanted = count if count is not None else 500
    if len(existing) < wanted:
        existing = write_corpus(max(wanted, len(existing)), seed, out)
    return existing[:wanted]


# --------------------------------------------------------------------------- scaling files

def env_run_pairs_text(pairs: int) -> str:
    """One stage with ``pairs`` ENV/RUN pairs (each RUN reads the ENV just set)."""
    lines = ["# syntax=docker/dockerfile:1", f"# {pairs} ENV/RUN pairs (synthetic scaling file)",
             "FROM python:3.12-slim", "WORKDIR /app"]
    for i in range(pairs):
        lines.append(f"ENV SETTING_{i}=value-{i}")
        lines.append(f'RUN echo "SETTING_{i}=${{SETTING_{i}}}" >> /etc/app.env')
    lines.append('CMD ["python", "-m", "app"]')
    return "\n".join(lines) + "\n"


def _concatenated(seed: int):
    """Corpus-style Dockerfiles, each a run of stages, to be joined into one big file."""
    i = 0
    while True:
        _, text = generate_one(seed + 1, i)
        if i:  # a single leading directive: drop `# syntax=` lines after the first file
            text = "\n".join(l for l in text.split("\n") if not l.startswith("# syntax="))
        yield text + "\n"
        i += 1


def large_text(size: int = LARGE_BYTES, seed: int = DEFAULT_SEED) -> str:
    """Corpus-style Dockerfiles joined (as stages of one file) to at least ``size`` bytes."""
    parts: list[str] = []
    total = 0
    for text in _concatenated(seed):
        if total >= size:
            break
        parts.append(text)
        total += len(text.encode("utf-8"))
    return "".join(parts)


def sized_text(size: int, seed: int = DEFAULT_SEED) -> str:
    """The longest prefix of the :func:`large_text` stream (cut between files) within
    ``size`` bytes, so smaller sizes are prefixes of larger ones."""
    parts: list[str] = []
    total = 0
    for text in _concatenated(seed):
        length = len(text.encode("utf-8"))
        if parts and total + length > size:
            break
        parts.append(text)
        total += length
    return "".join(parts)


def write_scaling(pairs: tuple[int, ...] = DEFAULT_PAIRS, out: Path = SCALING,
                  seed: int = DEFAULT_SEED) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in pairs:
        path = out / f"env_run_{n:04d}.Dockerfile"
        path.write_text(env_run_pairs_text(n), encoding="utf-8")
        paths.append(path)
    path = out / "large_1mb.Dockerfile"
    path.write_text(large_text(LARGE_BYTES, seed), encoding="utf-8")
    paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=500, help="corpus size (default 500)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=None,
                        help="output directory (default benchmarks/corpus or corpus/scaling)")
    parser.add_argument("--scaling", action="store_true",
                        help="write the ENV/RUN-pair scaling files and a ~1 MB file instead")
    parser.add_argument("--pairs", type=int, nargs="+", default=list(DEFAULT_PAIRS),
                        help="ENV/RUN pair counts for --scaling (default 100 300 1000)")
    args = parser.parse_args(argv)
    if args.scaling:
        paths = write_scaling(tuple(args.pairs), args.out or SCALING, args.seed)
        for path in paths:
            print(f"{path}  {path.stat().st_size / 1024:,.0f} KB  "
                  f"{path.read_text().count(chr(10)):,} lines")
        return 0
    out = args.out or CORPUS
    paths = write_corpus(args.count, args.seed, out)
    sizes = [p.read_text().count("\n") for p in paths]
    styles: dict[str, int] = {}
    for p in paths:
        style = p.parent.name.split("-", 1)[1]
        styles[style] = styles.get(style, 0) + 1
    total_kb = sum(p.stat().st_size for p in paths) / 1024
    print(f"wrote {len(paths)} projects to {out}/NNNN-style/ (Dockerfiles: {total_kb:,.0f} KB, "
          "each with a small synthetic build context)")
    if sizes:
        print(f"lines: min {min(sizes)}, median {statistics.median(sizes):.0f}, "
              f"mean {statistics.mean(sizes):.0f}, max {max(sizes)}")
    print("styles: " + ", ".join(f"{k} {v}" for k, v in sorted(styles.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
