"""Run every benchmark and print the figures: python -m bench [--quick].

Sections (in this order): the PDF, script runs in-process (AppTest), script runs in a real
server (websocket), pages in headless Chromium, load at 25/50/100 sessions, the soak, and the
work per script run (elements sent and calls in the aid's code, which do not depend on the
machine's speed; last, so that its in-process runs warm nothing the timings measure).
See BENCHMARKS.md for what each measures and the figures of a full run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime

from bench import apptest_runs, browser, load, pdf, server_runs, work
from bench.apptest_runs import Timing
from bench.pages import app_pages
from bench.stats import ms, percentile, table

BUDGET_MS = 30.0  # what the app may add to a rerun over the one-line app (p95)
P95_LOAD_S = 1.0
MB = 1_000_000
SECTIONS = ("pdf", "apptest", "server", "browser", "load", "soak", "work")


def _row(t: Timing, base: Timing | None = None) -> list[object]:
    p50, p95 = percentile(t.seconds, 50), percentile(t.seconds, 95)
    row: list[object] = [t.name, len(t.seconds), ms(p50), ms(p95)]
    if base is not None:
        b95 = percentile(base.seconds, 95)
        row += [f"{p95 / b95:.1f}x", ms(p95 - b95)]
    row.append(ms(statistics.fmean(t.cpu)) if t.cpu else "-")
    return row


def _timings(title: str, timings: list[Timing], base: Timing | None) -> str:
    headers = ["what", "runs", "median ms", "p95 ms"]
    if base is not None:
        headers += ["p95 / one-line", "added p95 ms"]
    headers.append("CPU ms (mean)")
    rows = [_row(base, base)] if base is not None else []
    rows += [_row(t, base) for t in timings]
    return f"### {title}\n\n{table(headers, rows)}\n"


def _settle_client() -> None:
    """Take this process's own heap (content, AppTest's pages) out of its garbage collector's
    way before timing a server over the websocket: a full collection here (tens of ms) would
    be counted as the server's time."""
    gc.collect()
    gc.freeze()


def _say(text: str) -> None:
    print(text, flush=True)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _opening(w: work.Work) -> str:
    if w.opening is None:
        return "-"
    return f"{w.opening} ({'the section only' if w.section_only else 'the whole page'})"


def _load_table(results: list[load.LoadResult]) -> str:
    rows = []
    for r in results:
        rows.append(
            [
                r.sessions,
                f"{r.seconds:.0f}",
                r.actions,
                f"{r.throughput:.1f}",
                f"{r.server_load:.2f}",
                f"{r.worker_load:.2f}",
                f"{r.harness_load:.2f}",
                _share(r.idle_share),
                _share(r.steal_share),
                ms(r.p(50)),
                ms(r.p(95)),
                ms(r.p(95, "open")),
                ms(r.p(95, "pdf")),
                len(r.errors),
                f"{r.baseline_rss / MB:.0f}",
                f"{r.loaded_rss / MB:.0f}",
                f"{r.per_session_bytes / MB:.2f}",
            ]
        )
    headers = [
        "sessions",
        "seconds",
        "actions",
        "actions/s",
        "server CPU s/s",
        "PDF worker CPU s/s",
        "harness CPU s/s",
        "machine idle",
        "steal",
        "p50 ms",
        "p95 ms",
        "p95 open page ms",
        "p95 PDF ms",
        "errors",
        "RSS before MB",
        "RSS with sessions MB",
        "MB per session",
    ]
    return table(headers, rows)


def soak_growth(samples: list[tuple[float, int]]) -> tuple[float, float, float]:
    """(growth, noise, trend per minute) in bytes. The first 30% of the soak is its warm-up:
    each session makes one pass over every treatment, page and section (bench.load.fill), so
    its state has reached its full size, and then goes round the aid as a person would.
    Growth is the median RSS of the last tenth minus that of a reference window (30-50% of
    the way); noise is the spread (max - min) within the reference window; the trend is a
    least-squares slope over everything after the warm-up."""
    end = samples[-1][0]
    reference = [rss for t, rss in samples if 0.3 * end <= t <= 0.5 * end]
    late = [rss for t, rss in samples if t >= 0.9 * end]
    growth = statistics.median(late) - statistics.median(reference)
    noise = max(reference) - min(reference)
    tail = [(t, rss) for t, rss in samples if t >= 0.3 * end]
    mean_t = statistics.fmean(t for t, _ in tail)
    mean_r = statistics.fmean(r for _, r in tail)
    slope = sum((t - mean_t) * (r - mean_r) for t, r in tail) / max(
        1e-9, sum((t - mean_t) ** 2 for t, _ in tail)
    )
    return growth, noise, slope * 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, short load, no soak")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    parser.add_argument("--runs", type=int, help="timed runs per page and interaction")
    parser.add_argument("--levels", default="25,50,100", help="concurrent sessions to test")
    parser.add_argument("--load-seconds", type=float, help="length of each load level")
    parser.add_argument("--soak-seconds", type=float, default=600.0, help="length of the soak")
    parser.add_argument("--soak-sessions", type=int, default=50)
    parser.add_argument(
        "--think", default="2.5,7.5", help="think time between a session's actions (s): low,high"
    )
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args(argv)

    quick = args.quick
    runs = args.runs or (10 if quick else 30)
    load_seconds = args.load_seconds or (30.0 if quick else 60.0)
    think = tuple(float(x) for x in args.think.split(","))
    sections = args.only or [s for s in SECTIONS if not (quick and s == "soak")]
    pages = app_pages()
    levels = [int(x) for x in args.levels.split(",")]
    out: dict[str, object] = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "pages": [p.path for p in pages],
    }
    started = time.monotonic()
    _say(f"# Benchmarks ({out['date']}; {out['machine']})\n")
    _say(f"Pages from app.py: {', '.join(p.path for p in pages)}\n")
    verdicts: list[tuple[str, bool, str]] = []

    if "pdf" in sections:
        wall, cpu, questions, size = pdf.build(runs)
        in_worker, back_to_back = pdf.build_in_worker(runs)
        _say(f"## PDF handout ({questions} questions, {size:,} bytes)\n")
        _say(
            _timings(
                "decision.handout.to_pdf, and in the PDF worker",
                [wall, cpu, in_worker, back_to_back],
                None,
            )
        )
        p95 = percentile(in_worker.seconds, 95)
        verdicts.append(
            ("PDF built in under 0.5 s (p95, wall, in the worker)", p95 < 0.5, f"{p95:.3f} s")
        )
        out["pdf"] = {
            "wall": wall.seconds,
            "cpu": cpu.seconds,
            "worker": in_worker.seconds,
            "worker_back_to_back": back_to_back.seconds,
            "questions": questions,
        }

    def added(timings: list[Timing], base: Timing) -> tuple[bool, str]:
        b95 = percentile(base.seconds, 95)
        worst = max(timings, key=lambda t: percentile(t.seconds, 95))
        extra = (percentile(worst.seconds, 95) - b95) * 1000
        return extra <= BUDGET_MS, f"worst: {worst.name}, +{extra:.1f} ms"

    if "apptest" in sections:
        base = apptest_runs.one_line(runs)
        timings = apptest_runs.page_reruns(pages, runs) + apptest_runs.interactions(runs)
        _say("## Script runs in-process (AppTest)\n")
        _say(_timings("Rerun time, AppTest (includes AppTest's own overhead)", timings, base))
        ok, detail = added(timings, base)
        verdicts.append((f"AppTest: app adds <= {BUDGET_MS:.0f} ms (p95) to a rerun", ok, detail))
        out["apptest"] = {t.name: t.seconds for t in [base, *timings]}

    if "server" in sections:
        _settle_client()
        base = server_runs.one_line(runs)
        timings = [server_runs.one_line(runs, stock=True), *server_runs.app(pages, runs)]
        _say("## Script runs in a real server (websocket, one session)\n")
        _say(_timings("Rerun request to script_finished", timings, base))
        # First openings in the process (a page, a section) are reported, not judged: what
        # they build is kept for everyone after them.
        reruns = [
            t
            for t in timings
            if "(open)" not in t.name
            and "(first" not in t.name
            and "PDF" not in t.name
            and t.name != server_runs.STOCK
        ]
        ok, detail = added(reruns, base)
        verdicts.append((f"Server: app adds <= {BUDGET_MS:.0f} ms (p95) to a rerun", ok, detail))
        out["server"] = {t.name: t.seconds for t in [base, *timings]}

    if "browser" in sections:
        _settle_client()
        browser_runs = max(3, runs // 6)
        base = browser.one_line(browser_runs)
        timings = browser.pages(pages, browser_runs)
        _say("## Pages in headless Chromium (open to finished and idle)\n")
        _say(_timings("Open a page in a new tab", timings, base))
        out["browser"] = {t.name: t.seconds for t in [base, *timings]}

    if "load" in sections:
        _settle_client()
        results = []
        for n in levels:
            results.append(load.run(pages, n, load_seconds, think=think))
            _say(f"(load: {n} sessions done)")
        _say("## Load over the websocket (loopback)\n")
        _say(f"Think time {think[0]}-{think[1]} s between a session's actions.\n")
        _say(_load_table(results))
        _say("\nLatency by action (p50 / p95 ms, count), at each level:\n")
        names = sorted({name for r in results for name in r.latencies})
        _say(
            table(
                ["action", *(f"{r.sessions} sessions" for r in results)],
                [
                    [name]
                    + [
                        f"{ms(r.p(50, name))} / {ms(r.p(95, name))} ({len(r.latencies[name])})"
                        if name in r.latencies
                        else "-"
                        for r in results
                    ]
                    for name in names
                ],
            )
        )
        for r in results:
            if r.errors:
                _say(f"\nErrors at {r.sessions} sessions (first 5): {r.errors[:5]}")
        top = max(results, key=lambda r: r.sessions)
        verdicts.append(
            (
                f"{top.sessions} sessions: p95 under {P95_LOAD_S:.0f} s, no errors",
                top.p(95) < P95_LOAD_S and not top.errors,
                f"p95 {top.p(95):.3f} s, {len(top.errors)} errors",
            )
        )
        worst_mem = max(results, key=lambda r: r.per_session_bytes)
        verdicts.append(
            (
                "under 2 MB server memory per session",
                all(r.per_session_bytes < 2 * MB for r in results),
                f"highest: {worst_mem.per_session_bytes / MB:.2f} MB at {worst_mem.sessions}",
            )
        )
        out["load"] = [
            {
                "sessions": r.sessions,
                "latencies": r.latencies,
                "errors": r.errors,
                "baseline_rss": r.baseline_rss,
                "loaded_rss": r.loaded_rss,
                "rss_samples": r.rss_samples,
            }
            for r in results
        ]

    if "soak" in sections:
        _settle_client()

        def progress(sample: tuple[float, int], result: load.LoadResult) -> None:
            if int(sample[0]) % 60 < 10:
                _say(
                    f"(soak: {sample[0]:.0f} s, RSS {sample[1] / MB:.0f} MB, "
                    f"{result.actions} actions, {len(result.errors)} errors)"
                )

        soak = load.run(
            pages,
            args.soak_sessions,
            args.soak_seconds,
            think=think,
            sample_every=10.0,
            on_sample=progress,
            fill_first=True,
        )
        growth, noise, slope = soak_growth(soak.rss_samples)
        _say(f"## Soak: {soak.sessions} sessions for {soak.seconds:.0f} s\n")
        _say(_load_table([soak]))
        warm_up = [x for xs in soak.warm_up.values() for x in xs]
        if warm_up:
            _say(
                f"\nFirst, each session's pass over every treatment, page and section "
                f"(bench.load.fill; not in the table above): {len(warm_up)} actions, "
                f"p50 {ms(percentile(warm_up, 50))} ms, p95 {ms(percentile(warm_up, 95))} ms"
            )
        _say(
            f"\nRSS growth (last tenth vs. 30-50% of the way): {growth / MB:+.1f} MB; "
            f"noise in that window: {noise / MB:.1f} MB; trend after the first 30%: "
            f"{slope / MB:+.2f} MB/min\n"
        )
        samples = soak.rss_samples
        marks = [samples[int(i * (len(samples) - 1) / 10)] for i in range(11)]
        _say(table(["seconds", "RSS MB"], [[f"{t:.0f}", f"{r / MB:.1f}"] for t, r in marks]))
        verdicts.append(
            (
                "no memory growth over the soak beyond the noise",
                growth <= noise,
                f"growth {growth / MB:+.1f} MB, noise {noise / MB:.1f} MB",
            )
        )
        if soak.errors:
            _say(f"\nErrors in the soak (first 5): {soak.errors[:5]}")
        out["soak"] = {
            "sessions": soak.sessions,
            "latencies": soak.latencies,
            "warm_up": soak.warm_up,
            "errors": soak.errors,
            "rss_samples": soak.rss_samples,
        }

    if "work" in sections:
        counted = work.measure(work.states(pages))
        _say("## Work per script run (counted, not timed)\n")
        _say(
            "Elements a rerun of the whole page sends (real server) and calls made in the "
            f"aid's code in it (AppTest), after {work.WARM_UP} runs; and the elements sent by "
            "the run that opened the section, which is a run of that section alone where the "
            "section is a fragment.\n"
        )
        _say(
            table(
                [
                    "page or state",
                    "elements per run",
                    "calls in the aid's code per run",
                    "elements the opening sent",
                ],
                [[w.state.name, w.elements, f"{w.calls:,}", _opening(w)] for w in counted],
            )
        )
        _say("")
        out["work"] = {
            w.state.name: {
                "elements": w.elements,
                "calls": w.calls,
                "opening": w.opening,
                "section_only": w.section_only,
            }
            for w in counted
        }

    _say("## Targets\n")
    _say(
        table(["target", "met", "figure"], [[t, "yes" if ok else "NO", d] for t, ok, d in verdicts])
    )
    _say(f"\nTotal time: {time.monotonic() - started:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out | {"targets": verdicts}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
