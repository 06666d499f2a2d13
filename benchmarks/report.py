#!/usr/bin/env python3
"""Turns one interleaved benchmark run (run.sh) into the Markdown report (docs/benchmarks.md).

Usage: report.py [--extras JMH_JSON] [--latency FILE] [--footprint FILE] [--log JMH_LOG]... --machine FILE
                 --command TEXT [--label TEXT] JMH_JSON...

The positional files are the main suite's JMH results, one per round and thread count, named
jmh-r{round}-t{threads}.json (the round is read from the name; a file named otherwise counts as round 1). Within a
round, ours and the baselines ran back to back, so the ratio ours / baseline is taken per round; the report shows
its median across rounds and its spread (min-max), never JMH's error interval of a single round.
"""
import argparse
import json
import os
import re
import statistics
import sys

OURS, RAW, JCACHE = "ours", "raw-redisson", "redisson-jcache"
PROVIDERS = [OURS, RAW, JCACHE]
PROVIDER_TITLES = {OURS: "ours", JCACHE: "Redisson JCache", RAW: "raw Redisson",
                   "ours-near": "ours, near cache", "caffeine-jcache": "Caffeine JCache",
                   "ours-uncompressed": "ours, compression off", "ours-signed": "ours, signed"}
# Benchmark method -> row title. Every row's target (issue 12): at least 1.0x raw Redisson's throughput, at most
# 1.2x its allocation.
WORKLOADS = [
    ("CacheOperations.getHit", "get, hit"),
    ("CacheOperations.getMiss", "get, miss"),
    ("CacheOperations.put", "put (overwrite)"),
    ("CacheOperations.putIfAbsent", "putIfAbsent, new key"),
    ("CacheOperations.removeThenPut", "remove, then put"),
    ("CacheOperations.getAll100", "getAll, 100 keys"),
    ("CacheOperations.putAll100", "putAll, 100 entries"),
    ("Invoke.increment", "invoke, increment a Long"),
]
THROUGHPUT_TARGET = 1.0
ALLOCATION_TARGET = 1.2
VALUES = {"pojo1k": "1 KB POJO", "string100": "100-byte String", None: "Long"}
VALUE_ORDER = ["pojo1k", "string100", None]


# ---------------------------------------------------------------- reading

def round_of(path):
    match = re.search(r"-r(\d+)-t\d+\.json$", os.path.basename(path))
    return int(match.group(1)) if match else 1


def read_jmh(path):
    """JMH's JSON as a list of runs; a missing or empty file (the invocation failed) reads as none."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        print(f"report.py: no results in {path}", file=sys.stderr)
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def key_of(run):
    """(workload, value, threads, provider) of one JMH run; provider is the codec for CodecCost."""
    name = run["benchmark"].rsplit(".", 2)
    params = run.get("params", {})
    provider = params.get("provider") or params.get("codec") or params.get("singleFlight") \
        or params.get("signed")
    return name[-2] + "." + name[-1], params.get("value"), run["threads"], provider


def measurement(run):
    """(score, unit, bytes allocated per operation or None) of one JMH run."""
    primary = run["primaryMetric"]
    alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    unit = primary["scoreUnit"].replace("us/", "µs/")  # JMH spells microseconds "us"
    return primary["score"], unit, alloc["score"] if alloc else None


def load_rounds(paths):
    """(workload, value, threads, provider) -> {round: (score, unit, bytes/op)}."""
    results = {}
    for path in paths:
        r = round_of(path)
        for run in read_jmh(path):
            results.setdefault(key_of(run), {})[r] = measurement(run)
    return results


def load_once(path):
    """(workload, value, threads, provider) -> (score, unit, bytes/op), for the extras' single invocation."""
    return {key_of(run): measurement(run) for run in read_jmh(path)} if path else {}


def log_label(path):
    match = re.search(r"-r(\d+)-t(\d+)\.log$", os.path.basename(path))
    if match:
        return f"round {match.group(1)}, {match.group(2)} threads"
    return "extras" if "extras" in os.path.basename(path) else os.path.basename(path)


def load_failures(paths):
    """Benchmarks JMH reported as <failure> in its console logs: (log label, benchmark, params, first error)."""
    failures = []
    for path in paths:
        if not os.path.exists(path):
            continue
        benchmark = params = None
        waiting = False
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("# Benchmark:"):
                    benchmark = line.split(":", 1)[1].strip().rsplit(".", 2)
                    benchmark = benchmark[-2] + "." + benchmark[-1]
                    params, waiting = "", False
                elif line.startswith("# Parameters:"):
                    params = line.split(":", 1)[1].strip()
                elif "<failure>" in line:
                    waiting = True
                elif waiting and re.match(r"^[\w.$]+(Exception|Error)\b", line):
                    message = line if len(line) <= 300 else line[:300] + " ..."
                    failures.append((log_label(path), benchmark, params, message))
                    waiting = False
    return failures


# ---------------------------------------------------------------- formatting

def fmt_num(value, digits=0):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def fmt_ratio(ratio):
    return "n/a" if ratio is None else f"{ratio:.2f}x"


def fmt_spread(ratios, rounds):
    """Median ratio with its min-max across rounds, and how many rounds it rests on when some are missing."""
    if not ratios:
        return "n/a"
    text = fmt_ratio(statistics.median(ratios))
    if len(ratios) > 1:
        text += f" ({min(ratios):.2f}–{max(ratios):.2f})"
    if len(ratios) < rounds:
        text += f", {len(ratios)} of {rounds} rounds"
    return text


def plural(count, noun):
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def ratio(a, b):
    return a / b if a and b else None


def median_or_none(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------- main suite

def rows(results):
    threads = sorted({k[2] for k in results})
    for workload, title in WORKLOADS:
        for value in VALUE_ORDER:
            for t in threads:
                cells = {p: results.get((workload, value, t, p), {}) for p in PROVIDERS}
                if any(cells.values()):
                    yield title, value, t, cells


def per_round_ratios(cells, provider, baseline, index):
    """ours / baseline of every round in which both ran, from the measurement's field at index."""
    ours, theirs = cells[provider], cells[baseline]
    return [ratio(ours[r][index], theirs[r][index]) for r in sorted(ours) if r in theirs
            and ratio(ours[r][index], theirs[r][index]) is not None]


def throughput_table(results, rounds):
    out = ["| workload | value | threads | ours (ops/s) | raw Redisson (ops/s) | Redisson JCache (ops/s) "
           "| ours / raw Redisson | ours / Redisson JCache | target ≥ 1.0x raw |",
           "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    met = total = 0
    for title, value, t, cells in rows(results):
        ops = [fmt_num(median_or_none(m[0] for m in cells[p].values())) for p in PROVIDERS]
        vs_raw = per_round_ratios(cells, OURS, RAW, 0)
        vs_jcache = per_round_ratios(cells, OURS, JCACHE, 0)
        verdict = "n/a"
        if vs_raw:
            total += 1
            ok = statistics.median(vs_raw) >= THROUGHPUT_TARGET
            met += ok
            verdict = "met" if ok else "**not met**"
        out.append(f"| {title} | {VALUES[value]} | {t} | {' | '.join(ops)} | {fmt_spread(vs_raw, rounds)} "
                   f"| {fmt_spread(vs_jcache, rounds)} | {verdict} |")
    return "\n".join(out), met, total


def allocation_table(results):
    out = ["| workload | value | threads | ours (B/op) | raw Redisson (B/op) | Redisson JCache (B/op) "
           "| ours / raw Redisson | target ≤ 1.2x raw |",
           "|---|---|---:|---:|---:|---:|---:|---|"]
    met = total = 0
    for title, value, t, cells in rows(results):
        alloc = [fmt_num(median_or_none(m[2] for m in cells[p].values())) for p in PROVIDERS]
        vs_raw = per_round_ratios(cells, OURS, RAW, 2)
        verdict = "n/a"
        median = statistics.median(vs_raw) if vs_raw else None
        if median is not None:
            total += 1
            ok = median <= ALLOCATION_TARGET
            met += ok
            verdict = "met" if ok else "**not met**"
        out.append(f"| {title} | {VALUES[value]} | {t} | {' | '.join(alloc)} | {fmt_ratio(median)} | {verdict} |")
    return "\n".join(out), met, total


# ---------------------------------------------------------------- extras

def near_cache_table(extras):
    threads = sorted({k[2] for k in extras if k[0] == "NearCacheReads.getHit"})
    if not threads:
        return None
    out = ["| threads | ours, from Redis (ops/s) | ours, near cache (ops/s) | Caffeine JCache (ops/s) "
           "| near / from Redis | near / Caffeine |",
           "|---:|---:|---:|---:|---:|---:|"]
    for t in threads:
        score = {p: (extras.get(("NearCacheReads.getHit", None, t, p)) or (None,))[0]
                 for p in ["ours", "ours-near", "caffeine-jcache"]}
        out.append(f"| {t} | {' | '.join(fmt_num(s) for s in score.values())} "
                   f"| {fmt_ratio(ratio(score['ours-near'], score['ours']))} "
                   f"| {fmt_ratio(ratio(score['ours-near'], score['caffeine-jcache']))} |")
    return "\n".join(out)


def compression_table(extras):
    keys = sorted({(k[0], k[2]) for k in extras if k[0].startswith("LargeValues.")})
    if not keys:
        return None
    titles = {"LargeValues.getHit": "get, hit", "LargeValues.put": "put (overwrite)"}
    out = ["| workload | threads | compressed (default, ops/s) | uncompressed (ops/s) | compressed / uncompressed "
           "| compressed (B/op) | uncompressed (B/op) |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for workload, t in keys:
        on = extras.get((workload, None, t, "ours")) or (None, None, None)
        off = extras.get((workload, None, t, "ours-uncompressed")) or (None, None, None)
        out.append(f"| {titles.get(workload, workload)} | {t} | {fmt_num(on[0])} | {fmt_num(off[0])} "
                   f"| {fmt_ratio(ratio(on[0], off[0]))} | {fmt_num(on[2])} | {fmt_num(off[2])} |")
    return "\n".join(out)


def compression_footprint_table(large):
    out = ["| configuration | MEMORY USAGE per entry (bytes) | used_memory growth per entry (bytes) "
           "| stored value (bytes) | the JSON's UTF-8 bytes |",
           "|---|---:|---:|---:|---:|"]
    for row in large:
        out.append(f"| {PROVIDER_TITLES[row['provider']]} | {row['memoryUsagePerEntry']:,.0f} "
                   f"| {row['usedMemoryPerEntry']:,.0f} | {row['valueBytes']:,} | {row['rawBytes']:,} |")
    return "\n".join(out)


def signing_table(extras):
    """Signing (through Redis, ops/s) and SigningCodec (codec alone, time per call): signed against unsigned."""
    rows_out = []
    for workload, title in [("Signing.getHit", "get, hit, through Redis"),
                            ("Signing.put", "put (overwrite), through Redis")]:
        for t in sorted({k[2] for k in extras if k[0] == workload}):
            plain = extras.get((workload, None, t, "ours"))
            signed = extras.get((workload, None, t, "ours-signed"))
            if plain or signed:
                rows_out.append((f"{title}, {plural(t, 'thread')}", plain, signed, "rate"))
    for workload, title in [("SigningCodec.decode", "decode only, no Redis"),
                            ("SigningCodec.encode", "encode only, no Redis")]:
        for t in sorted({k[2] for k in extras if k[0] == workload}):
            plain = extras.get((workload, None, t, "false"))
            signed = extras.get((workload, None, t, "true"))
            if plain or signed:
                rows_out.append((title, plain, signed, "time"))
    if not rows_out:
        return None
    out = ["| workload | unsigned | signed | signed / unsigned | unsigned (B/op) | signed (B/op) |",
           "|---|---:|---:|---:|---:|---:|"]
    for title, plain, signed, kind in rows_out:
        plain, signed = plain or (None, "", None), signed or (None, "", None)
        unit = signed[1] or plain[1]
        digits = 0 if unit == "ops/s" else 2
        cmp = fmt_ratio(ratio(signed[0], plain[0]))
        if kind == "time" and signed[0] is not None and plain[0] is not None:
            cmp += f" ({signed[0] - plain[0]:+,.{digits}f} {unit.split('/')[0]})"
        out.append(f"| {title} ({unit}) | {fmt_num(plain[0], digits)} | {fmt_num(signed[0], digits)} | {cmp} "
                   f"| {fmt_num(plain[2])} | {fmt_num(signed[2])} |")
    return "\n".join(out)


def single_flight_table(extras):
    keys = sorted({k[2] for k in extras if k[0] == "LoadMisses.getMiss"})
    if not keys:
        return None
    out = ["| threads | single flight off | single flight on | on − off | off (B/op) | on (B/op) |",
           "|---:|---:|---:|---:|---:|---:|"]
    for t in keys:
        off = extras.get(("LoadMisses.getMiss", None, t, "off")) or (None, "", None)
        on = extras.get(("LoadMisses.getMiss", None, t, "on")) or (None, "", None)
        unit = on[1] or off[1]
        diff = f"{on[0] - off[0]:+,.1f} {unit}" if on[0] is not None and off[0] is not None else "n/a"
        out.append(f"| {t} | {fmt_num(off[0], 1)} {unit} | {fmt_num(on[0], 1)} {unit} | {diff} "
                   f"| {fmt_num(off[2])} | {fmt_num(on[2])} |")
    return "\n".join(out)


CODECS = [("ours", "ours (allow-list of the cache's types)"), ("ours-allow-all", "ours, allowedPackages \"*\""),
          ("kryo5codec", "Redisson's Kryo5Codec"), ("kryo5", "plain Kryo 5")]


def codec_table(extras):
    if not any(k[0].startswith("CodecCost.") for k in extras):
        return None
    t = min(k[2] for k in extras if k[0].startswith("CodecCost."))
    cell = {(op, codec): extras.get((f"CodecCost.{op}", None, t, codec)) or (None, "", None)
            for op in ["encode", "decode"] for codec, _ in CODECS}
    floor = {op: cell[(op, "kryo5")][0] for op in ["encode", "decode"]}
    out = ["| codec | encode (ns/op) | decode (ns/op) | encode / plain Kryo | decode / plain Kryo "
           "| encode (B/op) | decode (B/op) |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for codec, title in CODECS:
        enc, dec = cell[("encode", codec)], cell[("decode", codec)]
        if enc[0] is None and dec[0] is None:
            continue
        out.append(f"| {title} | {fmt_num(enc[0])} | {fmt_num(dec[0])} | {fmt_ratio(ratio(enc[0], floor['encode']))} "
                   f"| {fmt_ratio(ratio(dec[0], floor['decode']))} | {fmt_num(enc[2])} | {fmt_num(dec[2])} |")
    return "\n".join(out)


# ---------------------------------------------------------------- footprint and latency

def footprint_table(footprint):
    out = ["| provider | Redis keys for 10,000 entries | example key | MEMORY USAGE per entry (bytes) "
           "| used_memory growth per entry (bytes) | stored value (bytes) |",
           "|---|---:|---|---:|---:|---:|"]
    for row in footprint:
        out.append(f"| {PROVIDER_TITLES[row['provider']]} | {row['redisKeys']:,} | `{row['keySample']}` "
                   f"| {row['memoryUsagePerEntry']:,.0f} | {row['usedMemoryPerEntry']:,.0f} | {row['valueBytes']:,} |")
    by = {row["provider"]: row for row in footprint}
    if OURS in by and RAW in by:
        ours, raw = by[OURS]["memoryUsagePerEntry"], by[RAW]["memoryUsagePerEntry"]
        verdict = "met" if ours <= raw else "**not met**"
        line = (f"Ours / raw Redisson, MEMORY USAGE per entry: {ours / raw:.2f}x (target: no more than raw "
                f"Redisson's: {verdict})")
        if JCACHE in by:
            line += f"; ours / Redisson JCache: {ours / by[JCACHE]['memoryUsagePerEntry']:.2f}x"
        out += ["", line + f". Redisson's Kryo5Codec writes the POJO in {footprint[0]['kryo5CodecBytes']:,} bytes."]
    return "\n".join(out)


LATENCY_OPERATIONS = {"get": "get, hit", "put": "put (overwrite)", "getAll": "getAll, 100 keys",
                      "invoke": "invoke, increment a Long"}


def latency_section(latency):
    settings = latency["settings"]
    by = {(r["operation"], r["provider"]): r for r in latency["results"]}
    value = VALUES.get(settings.get("value"), settings.get("value"))
    out = [
        f"`io.github.jcacheredis.benchmarks.Latency`: one thread sends requests at a fixed rate, "
        f"{settings['rate']:,}/s for get, put and invoke and {settings['getAllRate']:,}/s for getAll (100 keys), "
        f"below what one thread sustains (see the throughput table), on the {value}. Each request's latency is "
        f"counted from when it was due, not from when it was sent, so a stall also charges the requests queued "
        f"behind it (no coordinated omission). {plural(settings['rounds'], 'round')}; in each, every provider "
        f"runs every operation in turn ({settings['warmupMillis'] / 1000:g} s of paced warm-up, then "
        f"{settings['durationMillis'] / 1000:g} s measured), the providers' order rotating per round. The "
        f"percentiles are of all rounds' requests together; microseconds.",
        "",
        "| operation | provider | requests | p50 | p99 | p99.9 | max | p99 by round "
        "| ours / raw p50 | ours / raw p99 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for op, title in LATENCY_OPERATIONS.items():
        for provider in PROVIDERS:
            row = by.get((op, provider))
            if not row:
                continue
            m = row["merged"]
            requests = f"{m['count']:,}"
            if m["errors"]:
                requests += f" ({m['errors']:,} failed)"
            if m["achievedRate"] < 0.95 * row["rate"]:
                notes.append(f"{title}, {PROVIDER_TITLES[provider]}: {m['achievedRate']:,.0f}/s of {row['rate']:,}/s "
                             f"achieved; the rate was beyond what it sustained here.")
            by_round = " / ".join(f"{r['p99']:,}" for r in row["rounds"])
            vs_p50 = vs_p99 = ""
            raw = by.get((op, RAW))
            if provider == OURS and raw:
                vs_p50 = fmt_ratio(ratio(m["p50"], raw["merged"]["p50"]))
                vs_p99 = fmt_ratio(ratio(m["p99"], raw["merged"]["p99"]))
            out.append(f"| {title} | {PROVIDER_TITLES[provider]} | {requests} | {m['p50']:,} | {m['p99']:,} "
                       f"| {m['p999']:,} | {m['max']:,} | {by_round} | {vs_p50} | {vs_p99} |")
    out += ["", "Ours / raw below 1.0x is faster than raw Redisson. With fewer than 10,000 requests, p99.9 is one of "
            "the few slowest requests. `latency.json` also holds each round's percentiles and the service time "
            "(from the actual send), whose gap to these shows queueing."]
    if notes:
        out += [""] + [f"- {n}" for n in notes]
    return "\n".join(out)


# ---------------------------------------------------------------- the document

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--extras")
    parser.add_argument("--latency")
    parser.add_argument("--footprint")
    parser.add_argument("--wire")
    parser.add_argument("--machine", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--log", action="append", default=[])
    parser.add_argument("jmh", nargs="+")
    args = parser.parse_args()

    results = load_rounds(args.jmh)
    rounds = len({round_of(p) for p in args.jmh})
    extras = load_once(args.extras)
    with open(args.machine, encoding="utf-8") as f:
        machine = f.read().strip()
    footprint, large = None, None
    if args.footprint:
        with open(args.footprint, encoding="utf-8") as f:
            measured = json.load(f)
        footprint, large = measured.get("pojo"), measured.get("large")
    latency = None
    if args.latency and os.path.exists(args.latency) and os.path.getsize(args.latency) > 0:
        with open(args.latency, encoding="utf-8") as f:
            latency = json.load(f)

    wire = None
    if args.wire and os.path.exists(args.wire) and os.path.getsize(args.wire) > 0:
        with open(args.wire, encoding="utf-8") as f:
            wire = json.load(f)

    throughput, t_met, t_total = throughput_table(results, rounds)
    allocation, a_met, a_total = allocation_table(results)
    doc = ["# Benchmarks", ""]
    if args.label:
        doc += [f"> **{args.label}**", ""]
    doc += [
        f"From one interleaved run of {plural(rounds, 'round')} (`benchmarks/run.sh`): in each "
        "round, every workload ran for ours and both baselines back to back, so a ratio below compares providers "
        "measured within seconds of each other. jcache-redis (\"ours\") against raw Redisson (the floor: `RBucket` "
        "GET/SET/SET NX/DEL, `RBuckets` MGET, an `RBatch` of SETs, `RBucket` get + compareAndSet) and Redisson's "
        "own JCache (`org.redisson.jcache.JCachingProvider`), all on the same private `redis-server`, with the "
        "codec each uses by default (ours: Kryo; Redisson 4.7.0: `Kryo5Codec`). The two JCache providers are "
        "driven only through the `javax.cache` API. String keys, 10,000 of them, chosen uniformly at random; all "
        "present keys are written before measuring, so a hit is a hit. Source: `benchmarks/`; see "
        "`benchmarks/README.md`.",
        "",
        "## Throughput",
        "",
        f"Ops/s: the median over the rounds of each provider's JMH score. Ratios: ours / baseline computed within "
        f"each round, then the median across rounds with its spread (min–max) in brackets; the spread, not JMH's "
        f"error interval within one round, is the uncertainty shown. Targets (issue 12) are judged by the median: "
        f"**{t_met} of {t_total} met**; where one is not, `docs/performance.md` says what the profile shows the "
        f"time or the allocation goes to.",
        "",
        throughput,
        "",
        "`remove, then put` counts one invocation as both operations. `getAll`/`putAll` count one call of "
        "100 keys as one operation.",
        "",
        "## Allocation per operation",
        "",
        f"JMH's `-prof gc` (`gc.alloc.rate.norm`): bytes allocated per operation by the whole JVM, so including "
        f"the client's Netty I/O threads; the median over the rounds. Target: at most 1.2x raw Redisson's "
        f"(by the median of the per-round ratios): **{a_met} of {a_total} met**.",
        "",
        allocation,
        "",
    ]
    if latency:
        doc += ["## Latency at a fixed rate (1 KB POJO)", "", latency_section(latency), ""]
    if wire:
        doc += ["## Commands and bytes per operation", "", wire_section(wire), ""]
    failures = load_failures(args.log)
    if failures:
        doc += ["## Failures", "",
                "Benchmarks that failed (their cells read n/a, or rest on fewer rounds, above); the full stack "
                "traces are in `benchmarks/target/results/jmh-*.log`.", ""]
        for where, benchmark, params, message in failures:
            doc.append(f"- {where}: `{benchmark}` {params}: `{message}`")
        doc.append("")
    if footprint:
        doc += [
            "## Bytes in Redis per entry (1 KB POJO)",
            "",
            "Measured by `io.github.jcacheredis.benchmarks.Footprint`: 10,000 entries written into an empty "
            "cache of each provider, then `MEMORY USAGE key SAMPLES 0` summed over every Redis key the cache "
            "consists of (ours: one string per entry, `jcache:{cache}:{key}`; Redisson's JCache: one hash "
            "named after the cache, whose fields are the Kryo-encoded keys) and divided by 10,000. The growth of "
            "`INFO memory`'s `used_memory` during the writes, divided likewise, also counts Redis' own key table. "
            "The stored value is `STRLEN` (ours, raw) or `HSTRLEN` (Redisson's JCache) of one entry.",
            "",
            footprint_table(footprint),
            "",
        ]
    doc += extras_section(extras, large)
    doc += [
        "## Machine and command",
        "",
        "```",
        machine,
        "```",
        "",
        "Reproduce (from the repository root; builds the jar, starts a private redis-server from the PATH):",
        "",
        "```bash",
        args.command,
        "```",
        "",
    ]
    sys.stdout.write("\n".join(doc))


def wire_section(wire):
    """WireCost's counts: what Redis executed and the bytes it read and wrote, per call."""
    lines = [
        "`io.github.jcacheredis.benchmarks.WireCost`: each operation called 2,000 times from one thread after a "
        "warm-up, counted by Redis itself (`INFO commandstats`: commands executed, including those a script runs, "
        "so an `EVALSHA` that runs a `GET` and a `SET` counts them too; `total_net_input_bytes` / `total_net_output_bytes`: bytes Redis received and sent), "
        "the cost of reading the counters subtracted; per call.",
        "",
        "| operation | value | provider | commands per call | bytes sent to Redis | bytes received |",
        "|---|---|---|---|---:|---:|",
    ]
    titles = {"pojo1k": "1 KB POJO", "string100": "100-byte String", "Long": "Long"}
    for row in wire:
        # Below one call in twenty: a client's own housekeeping (a PING) during the count, not the operation's.
        commands = ", ".join(f"{name.upper()} {count:g}" for name, count in row["commandsPerCall"].items()
                             if count >= 0.05)
        lines.append(f"| {row['operation']} | {titles.get(row['value'], row['value'])} | "
                     f"{PROVIDER_TITLES.get(row['provider'], row['provider'])} | {commands} | "
                     f"{row['bytesSentPerCall']:,.0f} | {row['bytesReceivedPerCall']:,.0f} |")
    return "\n".join(lines)


def extras_section(extras, large):
    """What other issues add, measured once after the rounds: each table from one JMH fork per configuration."""
    parts = []
    near = near_cache_table(extras)
    if near:
        parts += [
            "### Near cache: get, hit, 1 KB POJO",
            "",
            "`NearCacheReads`: ours without a near cache (every read a round trip), ours with a near cache "
            "(`RedisCacheConfiguration.setNearCache(NearCacheConfiguration.ofMaximumSize(20_000))`, filled by "
            "reading every key before measuring), and Caffeine's JCache in its default store-by-value mode "
            "(each read a copy through Java serialization). Every read returns a private copy in all three. "
            "Targets: near cache ≥ 10x from Redis, and faster than Caffeine's JCache.",
            "",
            near,
            "",
        ]
    compression = compression_table(extras)
    if compression or large:
        parts += [
            "### Compression: a compressible 64 KB value",
            "",
            "`LargeValues`: a 64 KB JSON document (a String) over 1,000 keys; ours with its default "
            "compression (values over 4 KB stored LZ4-compressed when smaller) and with "
            "`setCompressionThreshold(RedisCacheConfiguration.NO_COMPRESSION)`.",
            "",
        ]
        if compression:
            parts += [compression, ""]
        if large:
            parts += ["Bytes in Redis per entry (measured by `Footprint`, 1,000 entries):", "",
                      compression_footprint_table(large), ""]
    signing = signing_table(extras)
    if signing:
        parts += [
            "### Signing keys: 1 KB POJO",
            "",
            "`Signing`: get and put through Redis, ours without signing keys and with one "
            "(`jcacheredis.signingKeys`: every put computes an HMAC-SHA256 over the stored bytes and the key name, "
            "every get verifies it before Kryo reads). `SigningCodec`: the provider's value codec alone, no Redis, "
            "where the HMAC's own cost is not hidden by the round trip.",
            "",
            signing,
            "",
        ]
    single_flight = single_flight_table(extras)
    if single_flight:
        parts += [
            "### Single-flight loads: read-through miss",
            "",
            "`LoadMisses`: a read-through `get` of a key never read before, whose loader answers a 100-character "
            "String at once; average time per call. The difference is what single flight costs per miss without "
            "contention (the lease, a second look at the entry, the unawaited release).",
            "",
            single_flight,
            "",
        ]
    codec = codec_table(extras)
    if codec:
        parts += [
            "### Codec cost: encode and decode of the 1 KB POJO, no Redis",
            "",
            "`CodecCost`: our value codec (format header, pooled Kryo with bounded decoding, field fingerprints "
            "and the class allow-list), the same allowing every class, Redisson's `Kryo5Codec` (on Netty "
            "`ByteBuf`s, released), and plain Kryo 5 set up as ours (no registration, references on), one "
            "instance per thread. Ours against plain Kryo is what bounded decoding, fingerprints and the header "
            "cost per value; ours against ours allowing everything is the allow-list's share. Average time per "
            "call; B/op from `-prof gc`.",
            "",
            codec,
            "",
        ]
    if not parts:
        return []
    return ["## Extras: what other features cost", "",
            "Measured once, after the rounds, in one JMH invocation: one fork per configuration, so these "
            "figures carry no spread; differences of a few percent are within the noise.", ""] + parts


if __name__ == "__main__":
    main()
