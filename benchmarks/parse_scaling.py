#!/usr/bin/env python3
"""How parse time grows with file size, and what one typical file costs.

1. Files of growing size (default 10 KB, 100 KB, 1 MB) built from the same
   generator stream as the corpus (each size is a prefix of the next, cut at
   a file boundary, so the mix of instructions is the same): median parse
   time and time per KB. Linear parsing shows as a flat ms/KB column.
2. Files of 100, 300 and 1,000 ENV/RUN pairs in one stage (the shape that
   makes hadolint super-linear): parse time and time per pair.
3. A typical ~50-line corpus file: median of many single parses.

Only ``pydolint.parser.parse`` is timed (text already in memory, bytes in, a
Document out, including the stage and variable model); no linting.

Usage::

    python benchmarks/parse_scaling.py
    python benchmarks/parse_scaling.py --sizes 10 100 1000 10000 --runs 2000
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from pydolint.parser import parse

NL = b"\n"


def _time_parse(data: bytes, min_total: float, min_runs: int, max_runs: int,
                collect: bool = True) -> list[float]:
    """Seconds per parse, repeated until ``min_total`` seconds or ``max_runs``.

    ``collect=False`` turns CPython's cyclic garbage collector off while timing:
    its passes get longer as more objects are alive, which is a property of the
    runtime rather than of the parser's algorithm.
    """
    times: list[float] = []
    gc.collect()
    if not collect:
        gc.disable()
    try:
        start = time.perf_counter()
        while len(times) < max_runs and (len(times) < min_runs
                                         or time.perf_counter() - start < min_total):
            t0 = time.perf_counter()
            parse(data, "Dockerfile")
            times.append(time.perf_counter() - t0)
    finally:
        gc.enable()
    return times


def typical_file(lines: int = 50, seed: int = generate.DEFAULT_SEED) -> tuple[int, str, str]:
    """The first corpus file of about ``lines`` lines that is not the minimal style."""
    for i in range(10_000):
        style, text = generate.generate_one(seed, i)
        if style != "minimal" and abs(text.count("\n") - lines) <= 2:
            return i, style, text
    raise RuntimeError("no typical file found")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000],
                        help="file sizes in KB (default 10 100 1000)")
    parser.add_argument("--pairs", type=int, nargs="+", default=list(generate.DEFAULT_PAIRS),
                        help="ENV/RUN pair counts (default 100 300 1000)")
    parser.add_argument("--runs", type=int, default=1000,
                        help="single parses of the typical file (default 1000)")
    parser.add_argument("--min-time", type=float, default=2.0,
                        help="seconds to spend per size at least (default 2)")
    args = parser.parse_args(argv)

    print(f"# parse scaling: Python {platform.python_version()} on {platform.machine()}, "
          f"{platform.system()}\n")

    # warm up: imports and regex compilation happen on the first parse
    parse(generate.generate_one(generate.DEFAULT_SEED, 0)[1].encode(), "Dockerfile")

    print("## Parse time by file size\n")
    print("| size | lines | instructions | stages | median | per KB | vs smallest "
          "| per KB, GC off | vs smallest |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    base: list[float] = []
    for kb in args.sizes:
        data = generate.sized_text(kb * 1024).encode("utf-8")
        document = parse(data, "Dockerfile")
        if document.errors:
            print(f"warning: {len(document.errors)} syntax errors in the {kb} KB file",
                  file=sys.stderr)
        kbytes = len(data) / 1024
        median = statistics.median(_time_parse(data, args.min_time, 3, 10_000))
        no_gc = statistics.median(_time_parse(data, args.min_time / 2, 3, 10_000, collect=False))
        per_kb, per_kb_no_gc = median / kbytes, no_gc / kbytes
        base = base or [per_kb, per_kb_no_gc]
        print(f"| {kbytes:,.0f} KB | {data.count(NL):,} | {len(document.instructions):,} | "
              f"{len(document.stages):,} | {_ms(median)} | {per_kb * 1e3:.3f} ms | "
              f"{per_kb / base[0]:.2f}× | {per_kb_no_gc * 1e3:.3f} ms | "
              f"{per_kb_no_gc / base[1]:.2f}× |")

    print("\n## ENV/RUN pairs in one stage\n")
    print("| pairs | lines | runs | median | per pair |")
    print("|---:|---:|---:|---:|---:|")
    for pairs in args.pairs:
        data = generate.env_run_pairs_text(pairs).encode("utf-8")
        times = _time_parse(data, args.min_time / 2, 3, 10_000)
        median = statistics.median(times)
        print(f"| {pairs:,} | {data.count(NL):,} | {len(times)} | {_ms(median)} | "
              f"{median / pairs * 1e6:.1f} µs |")

    index, style, text = typical_file()
    data = text.encode("utf-8")
    document = parse(data, "Dockerfile")
    times = []
    gc.collect()
    for _ in range(args.runs):
        t0 = time.perf_counter()
        parse(data, "Dockerfile")
        times.append(time.perf_counter() - t0)
    times.sort()
    q = statistics.quantiles(times, n=10)
    print(f"\n## A typical file\n\ncorpus file #{index} ({style}): {text.count(chr(10))} lines, "
          f"{len(data):,} bytes, {len(document.instructions)} instructions, "
          f"{len(document.stages)} stage(s)\n")
    print("| runs | median | p10 | p90 | min |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {args.runs} | {_ms(statistics.median(times))} | {_ms(q[0])} | {_ms(q[-1])} | "
          f"{_ms(times[0])} |")
    return 0


def _ms(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e3:.3f} ms"


if __name__ == "__main__":
    sys.exit(main())
