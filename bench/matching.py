"""Benchmark of the matching core against SciPy, the PyPI `matching` library and greedy.

Not a test. Each method runs in a fresh subprocess on the same synthetic cohort
(regenerated from the seed) so that its wall time and peak memory are its own.

    .venv/bin/python bench/matching.py --sizes S,M        # default S,M,L
    .venv/bin/python bench/matching.py --sizes XL --shapes slots_exceed --methods rajut

cpu_seconds is the process's CPU time (all threads): on a loaded machine it shows the
work done when wall seconds mostly show waiting.

Shapes: `standard` (capacities 1-5, four languages, spread demand) and two hard ones
with skewed demand (80 % of mentees need the same two focus areas), capacities 1 or 10,
60 % monolingual mentees and fourteen languages: `capacity_bound` (about 0.47 places
per mentee) and `slots_exceed` (about 1.1 places per mentee). Score % is against
SciPy's exact optimum of the same objective, in the same run, where it fits.

The PyPI `matching` package has the same import name as this repository's
`matching` package, so it must not live in the project venv's site-packages:
`make bench` installs it into .venv/bench-deps and points RAJUT_BENCH_MATCHING_LIB
there (that path is the default). Without it the matching_hr rows are null.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = {
    "S": (500, 2_000),
    "M": (2_000, 10_000),
    "L": (5_000, 25_000),
    "XL": (20_000, 100_000),
}
METHODS = ("scipy_lsa", "rajut", "greedy", "matching_hr")
LSA_MEMORY_LIMIT = 8 * 2**30  # skip the dense optimum when it would not fit comfortably
DENSE_PAIRS_LIMIT = 125_000_000  # baselines need every pair's score in memory (500 MB)
HR_PREFERENCES = 50  # each mentee ranks its 50 best mentors for the matching library
MATCHING_LIB = os.environ.get("RAJUT_BENCH_MATCHING_LIB", ".venv/bench-deps")


def _use_repo() -> None:
    """Import this repo's `matching`, not this file (also called matching) nor PyPI's."""
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path.insert(0, str(ROOT))


# ----- synthetic cohorts ---------------------------------------------------------

PHRASES = {
    "platform navigation": ("menggunakan platform dan fitur donasi", "navigating the platform"),
    "campaign creation": ("membuat kampanye penggalangan dana", "creating fundraising campaigns"),
    "digital storytelling": ("bercerita digital dan membuat video", "digital storytelling video"),
    "community engagement": ("membangun komunitas pendukung", "building a supporter community"),
    "financial management": ("mengelola keuangan secara transparan", "transparent bookkeeping"),
    "technical skills": ("keterampilan teknis dan alat digital", "technical and digital tools"),
    "impact measurement": ("mengukur dan melaporkan dampak", "measuring and reporting impact"),
    "leadership development": ("kepemimpinan dan mobilisasi warga", "leadership and mobilising"),
    "regulatory compliance": ("memenuhi aturan dan perizinan", "legal and regulatory rules"),
    "sustainable fundraising": ("penggalangan dana berkelanjutan", "sustainable fundraising"),
}
PURPOSES = (
    ("untuk yayasan kami di desa", "for our village foundation"),
    ("agar kampanye sekolah berhasil", "so our school campaign succeeds"),
    ("bagi komunitas petani kopi", "for a coffee farmers community"),
    ("untuk program kesehatan ibu dan anak", "for a maternal health programme"),
    ("supaya relawan tetap aktif", "to keep volunteers engaged"),
    ("untuk bantuan bencana banjir", "for flood relief"),
)
LOCAL_ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
ABROAD = ("Europe/Amsterdam", "Australia/Sydney", "Asia/Tokyo", "Europe/London", "Asia/Singapore")
STYLES = ("direct", "reflective", "structured", "casual", "")
QUESTIONS = ("prefers_structure", "likes_feedback", "meets_often", "goal_oriented", "informal")


def _person(rng, pid: int, mentor: bool):
    from matching import FOCUS_AREAS, LearningNeed, Participant, Window

    if rng.random() < 0.12:
        tz = ABROAD[rng.integers(len(ABROAD))]
        langs = {c for c, p in (("en", 0.9), ("id", 0.6)) if rng.random() < p}
    else:
        r = rng.random()
        tz = LOCAL_ZONES[0 if r < 0.62 else 1 if r < 0.85 else 2]
        odds = (("id", 0.8), ("en", 0.4), ("jv", 0.3), ("su", 0.15))
        langs = {c for c, p in odds if rng.random() < p}
    langs = langs or {("jv", "su", "en")[rng.integers(3)]}
    windows = []
    for _ in range(rng.integers(3, 8)):
        r = rng.random()
        start = int(
            rng.integers(19, 21)
            if r < 0.7
            else rng.integers(6, 9)
            if r < 0.85
            else rng.integers(12, 17)
        )
        end = min(start + int(rng.integers(2, 4)), 24)
        windows.append(Window(int(rng.integers(7)), f"{start:02d}:00", f"{end:02d}:00"))
    areas = rng.choice(len(FOCUS_AREAS), size=4, replace=False)
    if mentor:
        expertise = {FOCUS_AREAS[a]: int(rng.integers(3, 6)) for a in areas[: rng.integers(2, 5)]}
        needs: tuple = ()
        level = int(rng.integers(3, 6))
        focus = FOCUS_AREAS[areas[0]]
    else:
        n_known = int(rng.integers(0, 2))
        expertise = {FOCUS_AREAS[a]: int(rng.integers(1, 3)) for a in areas[3 : 3 + n_known]}
        needs = tuple(
            LearningNeed(FOCUS_AREAS[a], int(rng.integers(2, 6)), int(rng.integers(1, 4)))
            for a in areas[: rng.integers(1, 4)]
        )
        level = int(rng.integers(1, 4))
        focus = needs[0].skill
    phrase_id, phrase_en = PHRASES[focus]
    purpose_id, purpose_en = PURPOSES[rng.integers(len(PURPOSES))]
    if ("id" in langs and rng.random() < 0.7) or "en" not in langs:
        verb = "Berbagi pengalaman" if mentor else "Saya ingin belajar"
        goals = f"{verb} {phrase_id} {purpose_id}"
    else:
        verb = "Happy to share experience in" if mentor else "I want to learn"
        goals = f"{verb} {phrase_en} {purpose_en}"
    return Participant(
        id=pid,
        languages=langs,
        time_zone=tz,
        availability=windows,
        expertise=expertise,
        needs=needs,
        goals=goals,
        communication_style=STYLES[rng.integers(len(STYLES))],
        questionnaire={q: int(rng.integers(1, 6)) for q in QUESTIONS if rng.random() < 0.9},
        level=level,
        attributes={"gender": ("f", "m")[rng.integers(2)]},
        capacity=int(rng.integers(1, 6)) if mentor else 1,
    )


# Hard cohorts: fourteen languages (regional, national and foreign), many mentees who speak
# only one of them, and most mentees needing the same two focus areas.
LANGUAGES = (
    *("id", "en", "jv", "su", "ms", "min", "ban"),
    *("bug", "mad", "ace", "bjn", "zh", "ar", "nl"),
)
LANGUAGE_ODDS = (0.34, 0.12, 0.12, 0.08, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03, 0.03, 0.03, 0.02, 0.02)
POPULAR = ("campaign creation", "digital storytelling")  # what most mentees come for
SHAPES = {
    # shape: (share of mentees needing the two popular areas, share of mentors with 10 places,
    #         share of monolingual mentees); capacities are otherwise 1
    "standard": None,  # the original cohorts: capacities 1-5, four languages, spread demand
    "capacity_bound": (0.8, 0.15, 0.6),  # about 0.47 places per mentee
    "slots_exceed": (0.8, 0.5, 0.6),  # about 1.1 places per mentee
}


def _hard_person(rng, pid: int, mentor: bool, shape: tuple[float, float, float]):
    """A profile of the hard shapes: skewed demand, capacities 1 or 10, many monolinguals."""
    from matching import FOCUS_AREAS, LearningNeed

    popular, share_ten, monolingual = shape
    person = _person(rng, pid, mentor)
    first = LANGUAGES[rng.choice(len(LANGUAGES), p=LANGUAGE_ODDS)]
    if mentor or rng.random() >= monolingual:
        extra = rng.choice(len(LANGUAGES), size=int(rng.integers(1, 3)), p=LANGUAGE_ODDS)
        langs = {first, *(LANGUAGES[i] for i in extra)}
    else:
        langs = {first}
    changes: dict = {"languages": langs}
    if mentor:
        changes["capacity"] = 10 if rng.random() < share_ten else 1
    elif rng.random() < popular:
        others = [a for a in FOCUS_AREAS if a not in POPULAR]
        areas = [*POPULAR, others[rng.integers(len(others))]][: int(rng.integers(2, 4))]
        changes["needs"] = tuple(
            LearningNeed(a, int(rng.integers(3, 6)), int(rng.integers(2, 4))) for a in areas
        )
    return replace(person, **changes)


def synthetic_cohort(n_mentors: int, n_mentees: int, seed: int = 0, shape: str = "standard"):
    """Mentors and mentees with Indonesian languages, zones, focus areas and goals."""
    import numpy as np

    rng = np.random.default_rng(seed)
    params = SHAPES[shape]
    if params is None:
        make = _person
    else:

        def make(rng, pid, mentor):
            return _hard_person(rng, pid, mentor, params)

    mentors = [make(rng, i, True) for i in range(n_mentors)]
    mentees = [make(rng, 10_000_000 + i, False) for i in range(n_mentees)]
    return mentors, mentees


def shape_rules(shape: str):
    """The programme rules of a shape: the hard shapes allow groups of ten."""
    from matching import ProgrammeRules

    return ProgrammeRules() if SHAPES[shape] is None else ProgrammeRules(max_group_size=10)


# ----- measurement ---------------------------------------------------------------


def _reset_peak() -> int:
    """Reset the kernel's peak-RSS mark and return the current RSS in bytes."""
    gc.collect()
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS")


def _status(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+)", text).group(1)) * 1024


def _blocking_pairs(totals, allowed, capacity, mentor_rows, mentee_rows) -> int:
    """Blocking pairs over every allowed pair (not just candidates), on the dense scores."""
    import numpy as np

    n_m, n_e = totals.shape
    has = np.full(n_e, -np.inf, dtype=np.float32)
    has[mentee_rows] = totals[mentor_rows, mentee_rows]
    worst = np.full(n_m, np.inf, dtype=np.float32)
    np.minimum.at(worst, mentor_rows, totals[mentor_rows, mentee_rows])
    free = np.bincount(mentor_rows, minlength=n_m) < capacity
    count = 0
    for c0 in range(0, n_e, 2_000):
        t = totals[:, c0 : c0 + 2_000]
        block = allowed[:, c0 : c0 + 2_000] & (t > has[None, c0 : c0 + 2_000])
        block &= free[:, None] | (t > worst[:, None])
        count += int(block.sum())
    return count


def _dense(mentors, mentees, rules):
    """Dense totals built in chunks (SciPy, greedy and the library need every pair)."""
    import numpy as np

    from matching.candidates import pair_exclusions
    from matching.features import encode_cohort
    from matching.scoring import BLOCKED, PairScorer

    vocab, (ms, es) = encode_cohort([mentors, mentees], rules)
    scorer = PairScorer(rules, vocab)
    left = scorer.left(ms)
    totals = np.empty((len(ms), len(es)), dtype=np.float32)
    step = max(1, 4_000_000 // len(ms))
    for c0 in range(0, len(es), step):
        cols = np.arange(c0, min(len(es), c0 + step))
        totals[:, cols] = scorer.block(left, scorer.right(es, cols))
    bi, bj = pair_exclusions(rules, ms.ids, es.ids)
    totals[bi, bj] = BLOCKED
    return totals, ms.capacity.astype(np.int64)


def _greedy_dense(totals, capacity):
    """Best pair first over all allowed pairs, filtering taken mentees/full mentors in batches."""
    import numpy as np

    n_e = totals.shape[1]
    flat = np.flatnonzero(totals.ravel() > -0.5)
    order = flat[np.argsort(-totals.ravel()[flat], kind="stable")]
    left = capacity.copy()
    taken = np.zeros(n_e, dtype=bool)
    rows, cols = [], []
    for start in range(0, len(order), 50_000):
        batch = order[start : start + 50_000]
        i, j = batch // n_e, batch % n_e
        keep = ~taken[j] & (left[i] > 0)
        for a, b in zip(i[keep].tolist(), j[keep].tolist(), strict=True):
            if not taken[b] and left[a] > 0:
                taken[b] = True
                left[a] -= 1
                rows.append(a)
                cols.append(b)
        if taken.all() or not (left > 0).any():
            break
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def _lsa(totals, capacity):
    """The exact optimum of rajut's objective: most mentees matched, then the highest total.

    Integer weights B + score (B outweighs any total) held as float64 stay exact; the
    capacity-expanded matrix is built with the shorter side as rows, negated for a
    minimisation, so SciPy works on it without a copy.
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n_e = totals.shape[1]
    slots = np.repeat(np.arange(len(capacity)), capacity)
    big = float((n_e + 1) * 1_000_001)
    by_slot = len(slots) <= n_e
    cost = np.empty((len(slots), n_e) if by_slot else (n_e, len(slots)), dtype=np.float64)
    step = max(1, 2_000_000 // max(n_e, 1))
    for s0 in range(0, len(slots), step):
        block = totals[slots[s0 : s0 + step]]
        weight = np.where(block > -0.5, big + np.rint(block * 1e6), 0.0)
        if by_slot:
            cost[s0 : s0 + step] = -weight
        else:
            cost[:, s0 : s0 + step] = -weight.T
    rows, cols = linear_sum_assignment(cost)
    slot, mentee = (rows, cols) if by_slot else (cols, rows)
    keep = cost[rows, cols] < 0
    return slots[slot[keep]], mentee[keep]


def _matching_hr(totals, capacity):
    import numpy as np

    sys.path.insert(0, MATCHING_LIB)
    sys.modules.pop("matching", None)
    from matching.games import HospitalResident  # the PyPI library

    n_m, n_e = totals.shape
    k = min(HR_PREFERENCES, n_m)
    top = np.argpartition(-totals, k - 1, axis=0)[:k] if k < n_m else np.arange(n_m)[:, None]
    resident_prefs: dict[int, list[int]] = {}
    ranked_by: dict[int, list[tuple[float, int]]] = {i: [] for i in range(n_m)}
    for j in range(n_e):
        rows = top[:, j] if k < n_m else np.arange(n_m)
        rows = rows[totals[rows, j] > -0.5]
        rows = rows[np.argsort(-totals[rows, j], kind="stable")].tolist()
        if not rows:
            continue  # the library rejects residents who rank nobody
        resident_prefs[j] = rows
        for i in rows:
            ranked_by[i].append((-float(totals[i, j]), j))
    hospital_prefs = {i: [j for _, j in sorted(v)] for i, v in ranked_by.items()}
    game = HospitalResident.create_from_dictionaries(
        resident_prefs, hospital_prefs, {i: int(c) for i, c in enumerate(capacity)}
    )
    result = game.solve(optimal="resident")
    pairs = [(h.name, r.name) for h, rs in result.items() for r in rs]
    return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs])


def worker(method: str, size: str, shape: str, seed: int) -> dict:
    """Run one method in this process and return its figures."""
    n_m, n_e = SIZES[size]
    if method == "matching_hr":
        sys.setrecursionlimit(200_000)
    mentors, mentees = synthetic_cohort(n_m, n_e, seed, shape)
    rules = shape_rules(shape)
    import numpy as np

    base = _reset_peak()
    start = time.perf_counter()
    cpu_start = time.process_time()
    extra: dict = {}
    if method == "rajut":
        from matching import resolve, score_cohort

        proposal = score_cohort(mentors, mentees, rules).solve("optimal")
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        peak = _status("VmHWM") - base
        mentor_rows, mentee_rows = proposal.mentor_rows, proposal.mentee_rows
        extra["candidate_blocking_pairs"] = proposal.metrics.blocking_pairs
        optimality = proposal.optimality
        extra["proven_optimal"] = optimality.proven
        extra["certificate_rounds"] = optimality.rounds
        extra["added_pairs"] = optimality.added_pairs
        extra["checked_pair_share"] = round(optimality.scored_pairs / (n_m * n_e), 4)
        extra["candidates_rechosen"] = optimality.rechosen
        first = proposal.assignments[0]
        cohort = proposal.cohort
        graph = cohort.graph
        waiting = [
            u.mentee_id
            for u in proposal.unmatched
            if (graph.mentee == cohort.mentee_index[u.mentee_id]).any()
        ]
        pins = []
        if waiting:
            j = cohort.mentee_index[waiting[0]]
            mentor_row = int(graph.mentor[graph.mentee == j][0])
            pins = [(int(cohort.mentors.ids[mentor_row]), waiting[0])]
        t0 = time.perf_counter()
        resolve(proposal, bans=[(first.mentor_id, first.mentee_id)], pins=pins)
        extra["resolve_seconds"] = round(time.perf_counter() - t0, 3)
        totals, capacity = None, cohort.mentors.capacity.astype(np.int64)
    else:
        totals, capacity = _dense(mentors, mentees, rules)
        scored = time.perf_counter() - start
        solver = {"scipy_lsa": _lsa, "greedy": _greedy_dense, "matching_hr": _matching_hr}[method]
        mentor_rows, mentee_rows = solver(totals, capacity)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        peak = _status("VmHWM") - base
        extra["solve_seconds"] = round(seconds - scored, 3)
    if totals is None and n_m * n_e <= DENSE_PAIRS_LIMIT:
        totals, capacity = _dense(mentors, mentees, rules)
    if totals is not None:
        total = float(totals[mentor_rows, mentee_rows].astype(np.float64).sum())
        blocking = _blocking_pairs(totals, totals > -0.5, capacity, mentor_rows, mentee_rows)
    else:
        total = float(proposal.metrics.total_score)
        blocking = None
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "peak_mb": round(peak / 2**20, 1),
        "total": total,
        "matched": len(mentee_rows),
        "blocking_pairs": blocking,
        **extra,
    }


# ----- driver --------------------------------------------------------------------


def _run(method: str, size: str, shape: str, seed: int, timeout: float) -> dict | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", method, "--size", size]
    cmd += ["--shape", shape, "--seed", str(seed)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": tail[:120]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _expected_slots(size: str, shape: str) -> float:
    n_m, _ = SIZES[size]
    params = SHAPES[shape]
    return n_m * (3 if params is None else 10 * params[1] + (1 - params[1]))


def _skip(method: str, size: str, shape: str) -> str | None:
    """Why a method is not run on a cohort, if it is not."""
    n_m, n_e = SIZES[size]
    if method != "rajut" and n_m * n_e > DENSE_PAIRS_LIMIT:
        return "dense matrix does not fit in memory"
    if method == "scipy_lsa" and n_e * _expected_slots(size, shape) * 8 > LSA_MEMORY_LIMIT:
        return "dense matrix does not fit in memory"
    if method == "matching_hr" and shape != "standard":
        return "only run on the standard shape"
    if method == "matching_hr" and not Path(MATCHING_LIB, "matching").is_dir():
        return f"PyPI matching not found in {MATCHING_LIB}"
    return None


def _worker_main(args: argparse.Namespace) -> None:
    _use_repo()  # for matching_hr the library is swapped in after scoring
    if args.worker != "matching_hr":
        print(json.dumps(worker(args.worker, args.size, args.shape, args.seed)))
        return
    import threading  # the library deep-copies recursively: give it stack

    threading.stack_size(1 << 29)
    box: list = []
    thread = threading.Thread(
        target=lambda: box.append(worker(args.worker, args.size, args.shape, args.seed))
    )
    thread.start()
    thread.join()
    if not box:
        raise SystemExit("matching_hr worker failed")
    print(json.dumps(box[0]))


RAJUT_FIELDS = (
    "resolve_seconds",
    "proven_optimal",
    "certificate_rounds",
    "added_pairs",
    "checked_pair_share",
    "candidates_rechosen",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=300, help="seconds per baseline run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--shape", default="standard", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker_main(args)
        return

    rows = []
    for shape in args.shapes.split(","):
        for size in args.sizes.split(","):
            optimum = None
            for method in args.methods.split(","):
                if reason := _skip(method, size, shape):
                    result = {"error": reason}
                else:
                    limit = 1800 if method == "rajut" else args.timeout
                    result = _run(method, size, shape, args.seed, limit)
                ok = result is not None and "error" not in result
                if method == "scipy_lsa" and ok:
                    optimum = result["total"]
                line = {
                    "bench": "matching",
                    "shape": shape,
                    "size": size,
                    "method": method,
                    "seconds": result.get("seconds") if ok else None,
                    "cpu_seconds": result.get("cpu_seconds") if ok else None,
                    "peak_mb": result.get("peak_mb") if ok else None,
                    "score_pct": round(100 * result["total"] / optimum, 4)
                    if ok and optimum
                    else None,
                    "matched": result.get("matched") if ok else None,
                    "blocking_pairs": result.get("blocking_pairs") if ok else None,
                }
                line.update({k: result[k] for k in RAJUT_FIELDS if ok and k in result})
                if not ok:
                    line["note"] = (result or {}).get("error", "failed")
                print(json.dumps(line), flush=True)
                rows.append((line, result))
    _print_table(rows)


def _print_table(rows: list[tuple[dict, dict | None]]) -> None:
    print()
    header = f"{'shape':15} {'size':4} {'method':12} {'seconds':>8} {'solve s':>8} {'peak MB':>8} "
    header += f"{'score %':>9} {'matched':>8} {'blocking':>9}  note"
    print(header)

    def cell(value, fmt):
        if value is None:
            return format("null", ">" + fmt.split(".")[0].rstrip("df"))
        return format(value, fmt)

    for line, result in rows:
        note = line.get("note", "")
        if "proven_optimal" in line:
            note = (
                f"proven optimal: {line['proven_optimal']} "
                f"({line['candidates_rechosen']} re-chosen, {line['certificate_rounds']} rounds, "
                f"+{line['added_pairs']} pairs, "
                f"{100 * line['checked_pair_share']:.1f} % checked); "
                f"re-solve after edit {line['resolve_seconds']} s"
            )
        print(
            f"{line['shape']:15} {line['size']:4} {line['method']:12} "
            f"{cell(line['seconds'], '8.2f')} {cell((result or {}).get('solve_seconds'), '8.2f')} "
            f"{cell(line['peak_mb'], '8.1f')} {cell(line['score_pct'], '9.3f')} "
            f"{cell(line['matched'], '8d')} {cell(line['blocking_pairs'], '9d')}  {note}"
        )


if __name__ == "__main__":
    main()
