"""Throughput and memory of `pipeline run` against the spaCy limit (``make bench``).

For each size N, on the same texts and the same spaCy model and components the pipeline uses:

1. the limit: ``nlp.pipe`` alone, ``n_process`` = cores, over the texts;
2. the product: ``pipeline run`` as a user runs it (a subprocess, Prefect start-up included),
   with ``--workers`` = cores; its summary gives the flow's own time (no start-up) and the time
   per stage;
3. peak RSS of the whole process tree of each, sampled every 0.1 s.

Articles come from ../shared/corpora/bbc_news (read by path, never copied into the repo): the
unique BBC texts first, then distinct articles recombined from paragraphs of different BBC
articles with a fixed seed, so duplicate detection cannot shortcut the work.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "corpora" / "bbc_news" / "raw" / "bbc"
SEED = 20261130


def bbc_articles() -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of every unique BBC article, in path order."""
    seen: set[str] = set()
    out = []
    for path in sorted(BBC.glob("*/*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        if raw in seen:
            continue
        seen.add(raw)
        lines = [ln.strip() for ln in raw.splitlines()]
        title, body = lines[0], [ln for ln in lines[1:] if ln]
        if body:
            out.append((title, body))
    return out


def make_corpus(n: int, folder: Path) -> list[str]:
    """Write ``n`` distinct articles as plain .txt files; return their body texts."""
    base = bbc_articles()
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n):
        if i < len(base):
            title, paras = base[i]
        else:  # recombine: head of one article, tail of another, a third's middle paragraph
            a, b, c = (base[rng.randrange(len(base))] for _ in range(3))
            cut_a, cut_b = max(1, len(a[1]) // 2), len(b[1]) // 2
            paras = a[1][:cut_a] + c[1][len(c[1]) // 2 : len(c[1]) // 2 + 1] + b[1][cut_b:]
            title = f"{a[0]} / {b[0]} ({i})"
        body = "\n\n".join(paras)
        (folder / f"{i:06d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        texts.append(body)
    return texts


class TreeSampler:
    """Peak summed RSS of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                total = 0
                for proc in procs:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


LIMIT_SCRIPT = """
import json, sys, time
from pipeline.nlp import load_nlp, normalize_for_nlp
texts = [normalize_for_nlp(t) for t in json.load(open(sys.argv[1]))]
nlp = load_nlp()
n_process, batch_size = int(sys.argv[2]), int(sys.argv[3])
t0 = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
print(json.dumps({"seconds": time.perf_counter() - t0, "docs": n}))
"""


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run ``cmd``; return wall seconds, peak tree RSS (bytes) and stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    sampler = TreeSampler(proc.pid)
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    peak = sampler.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed with exit code {proc.returncode}")
    return wall, peak, out.decode()


def bench_size(
    n: int, work: Path, cores: int, batch_size: int, *, limit: bool = True
) -> dict[str, Any]:
    corpus = work / f"corpus_{n}"
    texts = make_corpus(n, corpus)
    words = sum(len(t.split()) for t in texts)
    texts_file = work / f"texts_{n}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    env = dict(os.environ, PREFECT_HOME=str(work / ".prefect"),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")

    lim_rss, limit_seconds = 0, float("nan")
    if limit:
        _, lim_rss, lim_out = run_measured(
            [sys.executable, "-c", LIMIT_SCRIPT, str(texts_file), str(cores), str(batch_size)],
            env,
        )
        limit_seconds = json.loads(lim_out.strip().splitlines()[-1])["seconds"]

    out_dir = work / f"out_{n}"
    summary_file = work / f"summary_{n}.json"
    e2e_wall, e2e_rss, _ = run_measured(
        [str(Path(sys.executable).parent / "pipeline"), "run", str(corpus), "--out", str(out_dir),
         "--full", "--workers", str(cores), "--batch-size", str(batch_size),
         "--summary-json", str(summary_file)], env,
    )
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    return {
        "articles": n, "words": words,
        "limit_seconds": limit_seconds, "limit_peak_rss": lim_rss,
        "run_wall_seconds": e2e_wall, "run_flow_seconds": summary["wall_seconds"],
        "run_peak_rss": e2e_rss, "stage_seconds": summary["seconds"],
        "articles_written": summary["n_articles"],
    }


def report(rows: list[dict[str, Any]], cores: int) -> str:
    lines = [
        f"machine: {cores} cores; model and components as in `pipeline run`",
        "",
        "| articles | words | limit art/s | limit words/s | run art/s (steady) | ratio | "
        "run art/s (cold, with Prefect start) | peak RSS limit | peak RSS run |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lim = r["articles"] / r["limit_seconds"]
        steady = r["articles"] / r["run_flow_seconds"]
        cold = r["articles"] / r["run_wall_seconds"]
        lim_words = r["words"] / r["limit_seconds"]
        lines.append(
            f"| {r['articles']:,} | {r['words']:,} | {lim:.1f} | {lim_words:,.0f}"
            f" | {steady:.1f} | {steady / lim:.2f} | {cold:.1f} | "
            f"{r['limit_peak_rss'] / 2**30:.2f} GiB | {r['run_peak_rss'] / 2**30:.2f} GiB |"
        )
    lines += ["", "time by stage (seconds, summed over worker processes):", ""]
    for r in rows:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stage_seconds"].items())
        lines.append(f"- {r['articles']:,} articles: {stages}")
    if len(rows) == 2:
        small, big = rows
        scale = big["articles"] / small["articles"]
        ratio = big["run_flow_seconds"] / (scale * small["run_flow_seconds"])
        lines += ["", f"time({big['articles']:,}) / ({scale:.0f} x time({small['articles']:,})) "
                  f"= {ratio:.3f} (flow time, no start-up)"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--work", type=Path, default=REPO / "bench-out")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit-sizes", type=int, nargs="*", default=None,
                        help="sizes at which to measure the nlp.pipe limit (default: all)")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"benchmark corpus not found at {BBC} (../shared is absent)", file=sys.stderr)
        return 2
    rows = []
    for n in args.sizes:
        print(f"measuring {n:,} articles ...", file=sys.stderr, flush=True)
        with_limit = args.limit_sizes is None or n in args.limit_sizes
        rows.append(bench_size(n, args.work, args.cores, args.batch_size, limit=with_limit))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    text = report(rows, args.cores)
    (args.work / "report.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
