"""Corpus mode at scale: ingest + cluster throughput, peak memory and B-cubed F1
at 1k and 10k articles (100k with --full), local engine vs Ray on 2 CPUs.

The articles are synthetic but shaped like a news stream: many events a day,
each covered by 1-12 outlets in their own wording, with many same-type
events on the same day in different places (the near misses clustering must
keep apart) and shared background sentences across events. Every phase runs
in a fresh process, so the peak memory (max RSS of that process; for Ray,
the driver's) belongs to that phase alone.

    .venv/bin/python benchmarks/corpus.py                 # 1k and 10k, local and ray
    .venv/bin/python benchmarks/corpus.py --full          # adds 100k
    .venv/bin/python benchmarks/corpus.py --sizes 1000 --engines local
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SYLLABLES = "ka ri vo len dor mar sel tu bra nek os vil har zen pol gra mi sta ber lun cor ad el fen"
FIRST = ("Anna Boris Carla Dmitri Elena Farid Greta Hugo Ines Jonas Kira Leon Maya Nikos Olga Pavel Rosa Samir Tara "
         "Umar Vera Wim Yara Zoltan Lena Oren Marta Piet Sabina Tomas").split()
ADJ = "Northern Southern Daily Evening Coastal National Free Morning Weekly Central Eastern Western".split()
NOUN = "Ledger Times Courier Post Herald Tribune Observer Gazette Chronicle Star Record Monitor".split()
ROLES = ("mayor", "governor", "police chief", "fire chief", "minister", "spokesperson", "chief executive", "union leader")

EVENTS = {
    "fire": dict(
        titles=["Wildfire forces evacuations near {place}", "{n} homes burn as fire spreads outside {place}",
                "Fire near {place} still out of control", "Thousands flee blaze near {place}"],
        details=["Fire chief {person} said {n} houses had been destroyed and {m} residents evacuated.",
                 "Strong winds pushed the flames across {m} hectares of forest above {place}.",
                 "\"The next day is critical,\" {person} told reporters in {place}.",
                 "Water-bombing aircraft from {org} joined the crews fighting the fire.",
                 "Evacuees were sheltering at the {place} sports hall.",
                 "The cause of the fire near {place} is under investigation."]),
    "strike": dict(
        titles=["Drone strike hits {target} in {place}", "{place} {target} ablaze after drone attack",
                "Governor: {n} hurt in {place} drone strike", "Drones target {place} overnight"],
        details=["Governor {person} said drones struck the {target} early in the morning, injuring {n} people.",
                 "Air defences destroyed {m} drones over the region, the defence ministry said.",
                 "Residents of {place} posted videos of smoke rising over the {target}.",
                 "{person} called the attack on {place} an act of terror.",
                 "Repair crews from {org} were sent to the {target}.",
                 "About {m} residents near the {target} were moved to a school."]),
    "rates": dict(
        titles=["{place} central bank raises rate to {pct}%", "{place} lifts interest rates as inflation bites",
                "Borrowers in {place} face higher costs", "{place} rate decision surprises markets"],
        details=["Governor {person} said inflation of {pct2}% was too high.",
                 "The bank raised its key rate by half a point to {pct}%, its {n}th increase.",
                 "{org} economists had expected the move by the {place} central bank.",
                 "Mortgage lenders in {place} said they would raise their rates within days.",
                 "The {place} currency strengthened after the decision.",
                 "\"We are ready to act again,\" {person} said."]),
    "layoffs": dict(
        titles=["{org} to cut {n} jobs", "{org} announces {n} layoffs in {place}",
                "Unions vow to fight {org} job cuts", "{place} braces for {org} job losses"],
        details=["Chief executive {person} said sales fell {pct}% last year.",
                 "Most of the {n} cuts will fall at the {org} factory in {place}.",
                 "Unions at {org} called the decision a betrayal and planned a protest.",
                 "The mayor of {place} said she would meet {person} this week.",
                 "{org} employs about {m} people in {place}.",
                 "Shares in {org} rose {pct2}% after the announcement."]),
    "court": dict(
        titles=["{place} court strikes down {topic} law", "Judges block {topic} law in {place}",
                "{place} government loses {topic} case", "Ruling on {topic} law divides {place}"],
        details=["Chief justice {person} wrote that the law violated the constitution.",
                 "The {topic} law had been passed by {n} votes to {m}.",
                 "Lawyers for {org} celebrated outside the court in {place}.",
                 "The minister said the government respected the ruling but disagreed with it.",
                 "{person} said the judgment could not be appealed.",
                 "Opposition parties in {place} demanded the minister resign."]),
    "bridge": dict(
        titles=["Bridge collapses in {place}", "{n} hurt as bridge falls into river in {place}",
                "Questions over inspections after {place} bridge collapse", "{place} bridge collapse: what we know"],
        details=["Mayor {person} said the span had passed an inspection last year.",
                 "Rescue divers pulled {n} people from the water.",
                 "The bridge, built by {org}, carried about {m} vehicles a day.",
                 "Engineers are examining the remaining piers of the {place} bridge.",
                 "\"We will find out what went wrong,\" {person} said.",
                 "Traffic in {place} was diverted to the ring road."]),
    "protest": dict(
        titles=["Thousands protest {topic} plan in {place}", "{place} protest over {topic} turns tense",
                "Police detain {n} at {place} rally", "Crowds march against {topic} reform in {place}"],
        details=["Organisers from {org} said {m} people took part.",
                 "Police chief {person} said {n} people were detained.",
                 "Protesters marched from the station to the parliament in {place}.",
                 "The {topic} reform would raise costs for families, {person} said.",
                 "Shops in central {place} closed early.",
                 "A second march is planned for next week in {place}."]),
    "election": dict(
        titles=["{person} wins {place} mayoral race", "{place} elects {person} as mayor",
                "Turnout low as {place} votes", "{person} claims victory in {place}"],
        details=["{person} won {pct}% of the vote, the electoral commission said.",
                 "Turnout in {place} was {pct2}%, the lowest in {n} years.",
                 "{person}, backed by {org}, promised to fix public transport.",
                 "The defeated candidate conceded late in the evening.",
                 "Counting in {place} finished after midnight.",
                 "{m} postal ballots are still being checked."]),
}
START = date(2024, 1, 1)
TARGETS = ("fuel depot", "power substation", "rail depot", "airfield", "oil refinery")
TOPICS = ("media", "pension", "housing", "water", "school", "tax")
FILLERS = [
    "Analysts at {org} said the regional economy grew {pct2}% last quarter.",
    "The weather service forecast rain for most of the week.",
    "Officials said more details would be released later.",
    "The story is developing and will be updated.",
    "Separately, {person} announced a review of the transport budget.",
    "Markets were mostly flat in morning trading.",
    "A spokesperson for {org} declined to comment.",
    "Local media reported similar incidents last year.",
]


def synth_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES.split()) for _ in range(parts)).capitalize()


def generate(n: int, per_day: int, seed: int = 7):
    """(records, labels): n synthetic articles and their gold story labels."""
    rng = random.Random(seed)
    places = sorted({synth_name(rng, rng.choice((2, 3))) for _ in range(6000)})
    people = [f"{rng.choice(FIRST)} {synth_name(rng, 3)}" for _ in range(1500)]
    orgs = [f"{synth_name(rng, 2)} {rng.choice(('Group', 'Bank', 'Motors', 'Energy', 'Union', 'Systems'))}" for _ in range(300)]
    outlets = [f"{a} {b}" for a in ADJ for b in NOUN]
    days = max(1, n // per_day)
    records, labels, event_no, used = [], {}, 0, set()
    while len(records) < n:
        kind = rng.choice(sorted(EVENTS))
        template = EVENTS[kind]
        day = rng.randrange(days)
        place = rng.choice(places)
        if (kind, place, day // 14) in used:  # one fire per town per fortnight: a second would be the same story
            continue
        used.add((kind, place, day // 14))
        event_no += 1
        slots = dict(place=place, person=rng.choice(people), org=rng.choice(orgs),
                     n=rng.randint(3, 90), m=rng.randint(100, 9000), pct=round(rng.uniform(1, 12), 1),
                     pct2=round(rng.uniform(1, 9), 1), target=rng.choice(TARGETS), topic=rng.choice(TOPICS))
        size = min(n - len(records), rng.choices(range(1, 13), weights=[10, 14, 14, 12, 10, 8, 6, 5, 4, 3, 2, 2])[0])
        for k, outlet in enumerate(rng.sample(outlets, size)):
            details = rng.sample(template["details"], rng.randint(3, 5))
            fillers = [f.format(org=rng.choice(orgs), person=rng.choice(people), pct2=round(rng.uniform(1, 9), 1))
                       for f in rng.sample(FILLERS, rng.randint(1, 3))]
            body = details + fillers
            rng.shuffle(body)
            title = rng.choice(template["titles"]).format(**slots)
            text = " ".join(sentence.format(**slots) for sentence in body)
            published = day + rng.choices((0, 1, 2), weights=(6, 3, 1))[0]
            source_id = f"e{event_no}-{k}"
            records.append({"id": source_id, "title": title, "text": text, "outlet": outlet,
                            "published": (START + timedelta(days=published)).isoformat(), "author": rng.choice(people)})
            labels[source_id] = f"event-{event_no}"
    return records, labels


def write_corpus(folder: Path, n: int, per_day: int) -> tuple[Path, Path]:
    records, labels = generate(n, per_day)
    data, gold = folder / f"synthetic-{n}.jsonl", folder / f"labels-{n}.csv"
    with data.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    with gold.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_id", "label"])
        writer.writerows(labels.items())
    return data, gold


def child(phase: str, db: str, data: str, labels: str, engine: str) -> None:
    """One measured phase in this fresh process; prints one JSON line."""
    from contextlib import nullcontext

    from parallax.corpus.store import Store

    session = nullcontext()
    if engine == "ray":
        from parallax.corpus.ray_engine import ray_session

        session = ray_session(None, 2)
    result: dict = {}
    with Store(db) as store, session:
        started = time.perf_counter()
        if phase == "ingest":
            from parallax.corpus import ingest

            runner = ingest.local_runner
            if engine == "ray":
                from parallax.corpus.ray_engine import ingest_runner

                runner = ingest_runner()
            stats = ingest.ingest([data], store, runner=runner)
            result["articles"] = stats.added
        else:
            from parallax.corpus.cluster import cluster_store, local_runner
            from parallax.corpus.evaluate import evaluate_store, read_labels

            runner = local_runner
            if engine == "ray":
                from parallax.corpus.ray_engine import cluster_runner

                runner = cluster_runner()
            stats = cluster_store(store, runner=runner)
            result["articles"] = stats.articles
            result["seconds"] = time.perf_counter() - started
            scores = evaluate_store(store, read_labels(labels))
            result.update(f1=scores.f1, precision=scores.precision, recall=scores.recall)
        result.setdefault("seconds", time.perf_counter() - started)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_phase(phase: str, db: Path, data: Path, labels: Path, engine: str) -> dict:
    command = [sys.executable, __file__, "--child", phase, str(db), str(data), str(labels), engine]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{phase}/{engine} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def same_stories(a: Path, b: Path) -> bool:
    """Both stores grouped the articles identically (story ids are content-derived, so compare them)."""
    from parallax.corpus.store import Store

    with Store(a) as first, Store(b) as second:
        return sorted(first.story_assignments()) == sorted(second.story_assignments())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="Comma-separated corpus sizes.")
    parser.add_argument("--full", action="store_true", help="Also run 100,000 articles.")
    parser.add_argument("--engines", default="local,ray", help="local, ray or both.")
    parser.add_argument("--per-day", type=int, default=400, help="Articles per day in the synthetic stream.")
    parser.add_argument("--child", nargs=5, metavar=("PHASE", "DB", "DATA", "LABELS", "ENGINE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sizes = [int(s) for s in args.sizes.split(",")] + ([100_000] if args.full else [])
    engines = args.engines.split(",")
    if "ray" in engines:
        try:
            import ray  # noqa: F401
        except ImportError:
            print("ray is not installed: running the local engine only")
            engines = [e for e in engines if e != "ray"]
    print(f"{'articles':>9} {'engine':>6} {'ingest/s':>9} {'ingest MB':>9} {'cluster/s':>9} {'cluster MB':>10} {'B3 F1':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in sizes:
            data, labels = write_corpus(folder, size, args.per_day)
            dbs = {}
            for engine in engines:
                db = dbs[engine] = folder / f"{engine}-{size}.db"
                ingest = run_phase("ingest", db, data, labels, engine)
                cluster = run_phase("cluster", db, data, labels, engine)
                print(f"{size:>9} {engine:>6} {ingest['articles'] / ingest['seconds']:>9.0f} {ingest['peak_mb']:>9.0f}"
                      f" {cluster['articles'] / cluster['seconds']:>9.0f} {cluster['peak_mb']:>10.0f} {cluster['f1']:>6.3f}",
                      flush=True)
            if len(dbs) == 2:
                print(f"{'':>9} local and ray stories identical: {same_stories(dbs['local'], dbs['ray'])}")


if __name__ == "__main__":
    main()
