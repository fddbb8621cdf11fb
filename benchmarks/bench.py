"""Throughput and memory of `pipeline run` against the spaCy limit (``make bench``).

For each size N, on the same texts and the same spaCy model and components the pipeline uses:

1. the limit: ``nlp.pipe`` alone, ``n_process`` = cores, over the texts, at each batch size of
   ``--limit-batch-sizes`` (the fastest counts; the clock starts with the model loaded);
2. the product: ``pipeline run`` as a user runs it (a subprocess, Prefect start-up included),
   with ``--workers`` = cores; its summary gives the flow's own time, the time until its worker
   processes were ready (steady state = the rest) and the time per stage;
3. peak RSS and PSS of the whole process tree of each, sampled every 0.1 s;

then a cold run over seeds/ (new process, with a new and with an existing PREFECT_HOME).
Articles come from ../shared/corpora/bbc_news (read by path, never copied into the repo): the
unique BBC texts first, then distinct articles recombined from paragraphs of different BBC
articles with a fixed seed, as long as real ones, so duplicate detection cannot shortcut the
work. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import shutil
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


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _recombine(
    template: list[str], donors: list[list[str]]
) -> list[str]:
    """The head of ``template`` then paragraphs from the middle of each donor in turn, stopping
    nearest to the template's word count: recombined articles are as long as real ones."""
    target = _words(template)
    paras: list[str] = []
    for para in template:
        if _words(paras) >= target / 2:
            break
        paras.append(para)
    stream = [p for donor in donors for p in donor[len(donor) // 2 :] + donor[: len(donor) // 2]]
    for para in stream:
        have, extra = _words(paras), len(para.split())
        if have + extra - target > target - have:
            break
        paras.append(para)
    return paras


def make_corpus(n: int, folder: Path) -> list[str]:
    """Write ``n`` distinct articles as plain .txt files; return their body texts."""
    base = bbc_articles()
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n):
        if i < len(base):
            title, paras = base[i]
        else:  # recombine: the head of one article, then paragraphs of two others
            (title_a, template), *donors = (base[rng.randrange(len(base))] for _ in range(3))
            paras = _recombine(template, [d[1] for d in donors])
            title = f"{title_a} / {donors[0][0]} ({i})"
        body = "\n\n".join(paras)
        (folder / f"{i:06d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        texts.append(body)
    return texts


def _pss(pid: int) -> int:
    """Proportional set size of a process (bytes): its private pages plus its share of pages
    it shares with others, so that summing it over processes counts shared pages once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _role(proc: psutil.Process, root: psutil.Process) -> str:
    """What a process of the measured tree is: the command itself ("main"), Prefect's
    temporary server, or a worker (model) process."""
    if proc.pid == root.pid:
        return "main"
    with contextlib.suppress(psutil.Error):
        command = " ".join(proc.cmdline())
        if "uvicorn" in command or "prefect_server" in command:
            return "server"
        if "resource_tracker" in command:
            return "other"
    return "workers"


def _machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot, summed over its cores."""
    t = psutil.cpu_times()
    return float(sum(t) - t.idle - getattr(t, "iowait", 0.0))


Sample = tuple[float, float, dict[int, tuple[str, float]]]  # time, machine busy, pid: role, cpu


class TreeSampler:
    """Every 0.1 s: summed RSS of a process and all its descendants (peak kept), the CPU time
    of each of those processes, and the CPU time the whole machine spent busy, so that a time
    window's CPU can be split by process role and the machine's other load shows; every
    ``PSS_EVERY`` samples also their summed PSS. PSS is read from smaps_rollup, which costs
    5-7 ms of CPU per process and read (the kernel walks the page tables): read 10 times a
    second it took 15-18 % of a core from the measured processes on this 2-core machine."""

    PSS_EVERY = 10

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = 0
        self.peak_pss = 0
        self.samples: list[Sample] = []
        self._roles: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            with_pss = n % self.PSS_EVERY == 0
            n += 1
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                total = pss = 0
                cpu: dict[int, tuple[str, float]] = {}
                for proc in procs:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                        if with_pss:
                            pss += _pss(proc.pid)
                        times = proc.cpu_times()
                        if proc.pid not in self._roles:
                            self._roles[proc.pid] = _role(proc, self.root)
                        cpu[proc.pid] = (self._roles[proc.pid], times.user + times.system)
                self.peak = max(self.peak, total)
                self.peak_pss = max(self.peak_pss, pss)
                self.samples.append((time.time(), _machine_busy(), cpu))
            except psutil.Error:
                pass
            time.sleep(0.1)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak, self.peak_pss

    def cpu_between(self, start: float, end: float) -> dict[str, float]:
        return cpu_between(self.samples, start, end)


def cpu_between(samples: list[Sample], start: float, end: float) -> dict[str, float]:
    """CPU seconds per process role between the epoch times ``start`` and ``end`` (from the
    first and last samples inside them), "machine" for the whole machine, "others" for what
    processes outside the tree used meanwhile, and "window" for the seconds covered."""
    inside = [s for s in samples if start <= s[0] <= end]
    if len(inside) < 2:
        return {}
    (_, busy0, cpu0), (_, busy1, _) = inside[0], inside[-1]
    # a process that ended before the last sample counts with its last sampled CPU time
    last: dict[int, tuple[str, float]] = {}
    for _, _, cpu in inside:
        last.update(cpu)
    out: dict[str, float] = {}
    for pid, (role, seconds) in last.items():
        out[role] = out.get(role, 0.0) + seconds - cpu0.get(pid, (role, 0.0))[1]
    in_tree = sum(out.values())
    out["machine"] = busy1 - busy0
    out["others"] = out["machine"] - in_tree
    out["window"] = inside[-1][0] - inside[0][0]
    return out


LIMIT_SCRIPT = """
import json, sys, time
from pipeline.nlp import load_nlp, normalize_for_nlp
texts = [normalize_for_nlp(t) for t in json.load(open(sys.argv[1]))]
nlp = load_nlp()
n_process, batch_size = int(sys.argv[2]), int(sys.argv[3])
started, t0 = time.time(), time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "docs": n, "started": started, "ended": started + seconds}))
"""


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int, str, TreeSampler]:
    """Run ``cmd``; return wall seconds, peak tree RSS and PSS (bytes), stdout and the
    sampler (for the CPU of a time window)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    sampler = TreeSampler(proc.pid)
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    peak, peak_pss = sampler.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed with exit code {proc.returncode}")
    return wall, peak, peak_pss, out.decode(), sampler


def bench_env(work: Path) -> dict[str, str]:
    return dict(os.environ, PREFECT_HOME=str(work / ".prefect"),
                PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")


def pipeline_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "pipeline"), "run", *args]


def bench_seeds(work: Path) -> dict[str, Any]:
    """Cold `pipeline run` over seeds/: a new process each time (Prefect server, model). The
    first run uses a new PREFECT_HOME, so Prefect also creates its database, as on a fresh
    clone; the second reuses it, as every later run does."""
    home = work / ".prefect-seeds"
    shutil.rmtree(home, ignore_errors=True)
    env = dict(bench_env(work), PREFECT_HOME=str(home))
    command = pipeline_command(str(REPO / "seeds"), "--out", str(work / "out_seeds"), "--full")
    first, _, _, _, _ = run_measured(command, env)
    wall, rss, pss, _, _ = run_measured(command, env)
    return {"seeds_first_wall_seconds": first, "seeds_wall_seconds": wall,
            "seeds_peak_rss": rss, "seeds_peak_pss": pss}


def bench_size(
    n: int, work: Path, cores: int, batch_size: int, *, limit_batch_sizes: list[int],
    repeat: int = 1,
) -> dict[str, Any]:
    """Measure the limit and the run ``repeat`` times, alternating, on one corpus of ``n``
    articles. The row is the trial with the median ratio (with no limit: the median steady
    time); peaks are the highest of all trials, and every trial's ratio is kept."""
    corpus = work / f"corpus_{n}"
    texts = make_corpus(n, corpus)
    words = sum(len(t.split()) for t in texts)
    texts_file = work / f"texts_{n}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    trials = [
        {**_measure_limit(texts_file, work, cores, limit_batch_sizes),
         **_measure_run(corpus, n, work, cores, batch_size)}
        for _ in range(repeat)
    ]
    for trial in trials:
        steady = trial["run_flow_seconds"] - trial["run_startup_seconds"]
        trial["ratio"] = trial["limit_seconds"] / steady if trial["limit_batch_size"] else None
    order = sorted(trials, key=lambda t: t["ratio"] if t["ratio"] is not None
                   else -(t["run_flow_seconds"] - t["run_startup_seconds"]))
    row = dict(order[len(order) // 2])
    for peak in ("limit_peak_rss", "limit_peak_pss", "run_peak_rss", "run_peak_pss"):
        row[peak] = max(t[peak] for t in trials)
    row.update(articles=n, words=words, ratios=[t["ratio"] for t in trials])
    return row


def _measure_limit(
    texts_file: Path, work: Path, cores: int, batch_sizes: list[int]
) -> dict[str, Any]:
    """spaCy's nlp.pipe alone, in ``cores`` processes; the fastest of ``batch_sizes`` counts."""
    limits: dict[int, tuple[float, int, int, dict[str, float]]] = {}
    for step in batch_sizes:
        _, rss, pss, out, sampler = run_measured(
            [sys.executable, "-c", LIMIT_SCRIPT, str(texts_file), str(cores), str(step)],
            bench_env(work),
        )
        timed = json.loads(out.strip().splitlines()[-1])
        cpu = sampler.cpu_between(timed["started"], timed["ended"])
        limits[step] = (timed["seconds"], rss, pss, cpu)
    best = min(limits, key=lambda k: limits[k][0]) if limits else None
    seconds, rss, pss, cpu = limits[best] if best else (float("nan"), 0, 0, {})
    return {"limit_seconds": seconds, "limit_batch_size": best,
            "limit_seconds_by_batch_size": {k: v[0] for k, v in limits.items()},
            "limit_peak_rss": rss, "limit_peak_pss": pss, "limit_cpu": cpu}


def _measure_run(corpus: Path, n: int, work: Path, cores: int, batch_size: int) -> dict[str, Any]:
    """``pipeline run`` over the corpus folder, as a user runs it."""
    summary_file = work / f"summary_{n}.json"
    wall, rss, pss, _, sampler = run_measured(
        pipeline_command(str(corpus), "--out", str(work / f"out_{n}"), "--full", "--workers",
                         str(cores), "--batch-size", str(batch_size),
                         "--summary-json", str(summary_file)),
        bench_env(work),
    )
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    # the steady window: from every worker being ready to the commit of the snapshot
    ended = dt.datetime.fromisoformat(summary["finished_at"]).timestamp()
    steady_started = ended - summary["wall_seconds"] + summary.get("startup_seconds", 0.0)
    return {"run_wall_seconds": wall, "run_flow_seconds": summary["wall_seconds"],
            "run_startup_seconds": summary.get("startup_seconds", 0.0),
            "run_peak_rss": rss, "run_peak_pss": pss, "stage_seconds": summary["seconds"],
            "articles_written": summary["n_articles"],
            "run_cpu": sampler.cpu_between(steady_started, ended)}


def _gb(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n else "-"


def report(rows: list[dict[str, Any]], cores: int, seeds: dict[str, Any] | None) -> str:
    lines = [
        f"machine: {cores} cores; model and components as in `pipeline run`; "
        "GB = 10^9 bytes; RSS summed over the process tree (shared pages counted in every "
        "process), PSS the same with shared pages counted once",
        "",
        "steady = articles / (flow time - worker start-up): the flow's time once its worker "
        "processes have loaded the model (the limit's timer also starts with the model loaded); "
        "flow = the whole flow; cold = the whole command, Prefect's server start included",
        "",
        "| articles | words | limit art/s (words/s) | run art/s (words/s), steady | ratio | "
        "run art/s, flow / cold | peak RSS limit | peak RSS run | peak PSS run |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        limit = r["articles"] / r["limit_seconds"]
        steady_seconds = r["run_flow_seconds"] - r["run_startup_seconds"]
        steady = r["articles"] / steady_seconds
        flow = r["articles"] / r["run_flow_seconds"]
        cold = r["articles"] / r["run_wall_seconds"]
        limit_cell = (f"{limit:.1f} ({r['words'] / r['limit_seconds']:,.0f}), "
                      f"batch {r['limit_batch_size']}" if r["limit_batch_size"] else "-")
        ratio = f"{steady / limit:.3f}" if r["limit_batch_size"] else "-"
        if len(r.get("ratios", ())) > 1 and r["limit_batch_size"]:
            each = ", ".join(f"{x:.3f}" for x in r["ratios"])
            ratio += f" (median of {len(r['ratios'])}: {each})"
        lines.append(
            f"| {r['articles']:,} | {r['words']:,} | {limit_cell} | {steady:.1f} "
            f"({r['words'] / steady_seconds:,.0f}) | {ratio} | {flow:.1f} / {cold:.1f} | "
            f"{_gb(r['limit_peak_rss'])} | {_gb(r['run_peak_rss'])} | {_gb(r['run_peak_pss'])} |"
        )
    lines += ["", "time by stage (seconds; nlp and extract summed over the worker processes, "
              "tables, validate and write in the flow process):", ""]
    for r in rows:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stage_seconds"].items())
        lines.append(f"- {r['articles']:,} articles: {stages}")
    lines += cpu_lines(rows, cores)
    if len(rows) == 2:
        small, big = rows
        scale = big["articles"] / small["articles"]
        def steady(r: dict[str, Any]) -> float:
            return float(r["run_flow_seconds"] - r["run_startup_seconds"])

        ratio = steady(big) / (scale * steady(small))
        per_word = (steady(big) / big["words"]) / (steady(small) / small["words"])
        whole = big["run_flow_seconds"] / (scale * small["run_flow_seconds"])
        lines += ["", f"time({big['articles']:,}) / ({scale:.0f} x time({small['articles']:,})) "
                  f"= {ratio:.3f} steady ({whole:.3f} whole flow); per word {per_word:.3f}"]
    if seeds:
        lines += ["", f"cold `pipeline run seeds/` (a new process: Prefect server, model): "
                  f"{seeds['seeds_wall_seconds']:.1f} s wall, peak RSS "
                  f"{_gb(seeds['seeds_peak_rss'])}; the very first run with a new PREFECT_HOME "
                  f"(Prefect creates its database): {seeds['seeds_first_wall_seconds']:.1f} s"]
    return "\n".join(lines)


def cpu_lines(rows: list[dict[str, Any]], cores: int) -> list[str]:
    """Where the CPU went in each timed window (the limit's, the run's steady one), per
    article: so the gap between the ratio and 1 shows as the extra CPU of each process role,
    and the machine's other load in the same window shows as "others"."""
    lines = ["", "CPU in the timed windows (ms per article, user + system; workers = the model "
             "processes, main = the limit's parent or the flow process, server = Prefect's; "
             "others = the rest of the machine meanwhile; idle = capacity left unused):", "",
             "| articles | what | window s | workers | main | server | total | others | idle |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for what, cpu in (("limit", r.get("limit_cpu")), ("run, steady", r.get("run_cpu"))):
            if not cpu:
                continue
            per = 1000 / r["articles"]
            total = cpu.get("workers", 0.0) + cpu.get("main", 0.0) + cpu.get("server", 0.0)
            idle = cores * cpu["window"] - cpu["machine"]
            lines.append(
                f"| {r['articles']:,} | {what} | {cpu['window']:.1f} | "
                f"{cpu.get('workers', 0.0) * per:.1f} | {cpu.get('main', 0.0) * per:.1f} | "
                f"{cpu.get('server', 0.0) * per:.1f} | {total * per:.1f} | "
                f"{cpu['others'] * per:.1f} | {idle * per:.1f} |"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--work", type=Path, default=REPO / "bench-out")
    parser.add_argument("--batch-size", type=int, default=64, help="pipeline run --batch-size")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit-batch-sizes", type=int, nargs="+", default=[16, 64],
                        help="nlp.pipe batch sizes tried for the limit; the fastest counts")
    parser.add_argument("--limit-sizes", type=int, nargs="*", default=None,
                        help="sizes at which to measure the nlp.pipe limit (default: the "
                        "smallest; the limit's rate does not depend on the corpus size)")
    parser.add_argument("--no-seeds", action="store_true", help="skip the cold run on seeds/")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="measure limit and run N times at the sizes with a limit and "
                        "report the median ratio (the machine's noise is a few percent)")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"benchmark corpus not found at {BBC} (../shared is absent)", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    seeds = None
    if not args.no_seeds:
        print("measuring a cold run on seeds/ ...", file=sys.stderr, flush=True)
        seeds = bench_seeds(args.work)
        print(json.dumps(seeds), file=sys.stderr, flush=True)
    rows = []
    for n in args.sizes:
        print(f"measuring {n:,} articles ...", file=sys.stderr, flush=True)
        with_limit = n in (args.limit_sizes if args.limit_sizes is not None
                           else [min(args.sizes)])
        rows.append(bench_size(n, args.work, args.cores, args.batch_size,
                               limit_batch_sizes=args.limit_batch_sizes if with_limit else [],
                               repeat=args.repeat if with_limit else 1))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    text = report(rows, args.cores, seeds)
    (args.work / "report.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
