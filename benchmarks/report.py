#!/usr/bin/env python3
"""Turns JMH's JSON results and Footprint's JSON into the Markdown report run.sh writes (docs/benchmarks.md).

Usage: report.py [--footprint FILE] [--log JMH_LOG]... --machine FILE --command TEXT [--label TEXT] JMH_JSON...
"""
import argparse
import json
import re
import sys

PROVIDERS = ["ours", "redisson-jcache", "raw-redisson"]
PROVIDER_TITLES = {"ours": "ours", "redisson-jcache": "Redisson JCache", "raw-redisson": "raw Redisson",
                   "ours-near": "ours, near cache", "caffeine-jcache": "Caffeine JCache",
                   "ours-uncompressed": "ours, compression off"}
# Benchmark method -> (row title, issue 5 target: (provider compared with, minimum ratio) or None)
WORKLOADS = [
    ("CacheOperations.getHit", "get, hit", ("raw-redisson", 0.9)),
    ("CacheOperations.getMiss", "get, miss", ("raw-redisson", 0.9)),
    ("CacheOperations.put", "put (overwrite)", ("raw-redisson", 0.9)),
    ("CacheOperations.putIfAbsent", "putIfAbsent, new key", ("raw-redisson", 0.9)),
    ("CacheOperations.removeThenPut", "remove, then put", ("raw-redisson", 0.9)),
    ("CacheOperations.getAll100", "getAll, 100 keys", ("raw-redisson", 0.9)),
    ("CacheOperations.putAll100", "putAll, 100 entries", ("raw-redisson", 0.9)),
    ("Invoke.increment", "invoke, increment a Long", ("redisson-jcache", 3.0)),
]
VALUES = {"pojo1k": "1 KB POJO", "string100": "100-byte String", None: "Long"}
VALUE_ORDER = ["pojo1k", "string100", None]


def load_results(paths):
    """(workload, value, threads, provider) -> (ops/s, error, bytes/op or None)."""
    results = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for run in json.load(f):
                name = run["benchmark"].rsplit(".", 2)
                workload = name[-2] + "." + name[-1]
                params = run.get("params", {})
                primary = run["primaryMetric"]
                alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                key = (workload, params.get("value"), run["threads"], params["provider"])
                results[key] = (primary["score"], primary["scoreError"], alloc["score"] if alloc else None)
    return results


def load_failures(paths):
    """Benchmarks JMH reported as <failure> in its console logs: (threads, benchmark, params, first error line)."""
    failures = []
    for path in paths:
        benchmark = params = threads = None
        waiting = False
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("# Threads:"):
                    threads = line.split(":", 1)[1].split(",")[0].strip()
                elif line.startswith("# Benchmark:"):
                    benchmark = line.split(":", 1)[1].strip().rsplit(".", 2)
                    benchmark = benchmark[-2] + "." + benchmark[-1]
                    params, waiting = "", False
                elif line.startswith("# Parameters:"):
                    params = line.split(":", 1)[1].strip()
                elif "<failure>" in line:
                    waiting = True
                elif waiting and re.match(r"^[\w.$]+(Exception|Error)\b", line):
                    message = line if len(line) <= 300 else line[:300] + " ..."
                    failures.append((threads, benchmark, params, message))
                    waiting = False
    return failures


def fmt_ops(score, error):
    text = f"{score:,.0f}"
    error = float(error)  # JMH writes "NaN" (a string) when there was a single iteration
    if error == error and error > 0:
        text += f" ± {error:,.0f}"
    return text


def fmt_ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "n/a"


def rows(results):
    threads = sorted({k[2] for k in results})
    for workload, title, target in WORKLOADS:
        for value in VALUE_ORDER:
            for t in threads:
                cells = {p: results.get((workload, value, t, p)) for p in PROVIDERS}
                if any(cells.values()):
                    yield workload, title, target, value, t, cells


def throughput_table(results):
    out = ["| workload | value | threads | ours (ops/s) | Redisson JCache (ops/s) | raw Redisson (ops/s) "
           "| ours / raw Redisson | ours / Redisson JCache | issue 5 target |",
           "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for _, title, target, value, t, cells in rows(results):
        score = {p: cells[p][0] if cells[p] else None for p in PROVIDERS}
        ops = [fmt_ops(*cells[p][:2]) if cells[p] else "n/a" for p in PROVIDERS]
        goal = ""
        if target and score["ours"] and score[target[0]]:
            ratio = score["ours"] / score[target[0]]
            verdict = "met" if ratio >= target[1] else "not met"
            goal = f"≥ {target[1]:.1f}x {PROVIDER_TITLES[target[0]]}: {verdict}"
        out.append(f"| {title} | {VALUES[value]} | {t} | {' | '.join(ops)} "
                   f"| {fmt_ratio(score['ours'], score['raw-redisson'])} "
                   f"| {fmt_ratio(score['ours'], score['redisson-jcache'])} | {goal} |")
    return "\n".join(out)


def allocation_table(results):
    out = ["| workload | value | threads | ours (B/op) | Redisson JCache (B/op) | raw Redisson (B/op) |",
           "|---|---|---:|---:|---:|---:|"]
    for _, title, _, value, t, cells in rows(results):
        alloc = [f"{cells[p][2]:,.0f}" if cells[p] and cells[p][2] is not None else "n/a" for p in PROVIDERS]
        out.append(f"| {title} | {VALUES[value]} | {t} | {' | '.join(alloc)} |")
    return "\n".join(out)


def near_cache_table(results):
    threads = sorted({k[2] for k in results if k[0] == "NearCacheReads.getHit"})
    if not threads:
        return None
    out = ["| threads | ours, from Redis (ops/s) | ours, near cache (ops/s) | Caffeine JCache (ops/s) "
           "| near / from Redis | near / Caffeine | issue 5 targets |",
           "|---:|---:|---:|---:|---:|---:|---|"]
    for t in threads:
        cells = {p: results.get(("NearCacheReads.getHit", None, t, p))
                 for p in ["ours", "ours-near", "caffeine-jcache"]}
        score = {p: c[0] if c else None for p, c in cells.items()}
        ops = [fmt_ops(*c[:2]) if c else "n/a" for c in cells.values()]
        goals = []
        if score["ours-near"] and score["ours"]:
            goals.append("≥ 10x from Redis: " + ("met" if score["ours-near"] >= 10 * score["ours"] else "not met"))
        if score["ours-near"] and score["caffeine-jcache"]:
            goals.append("> Caffeine: " + ("met" if score["ours-near"] > score["caffeine-jcache"] else "not met"))
        out.append(f"| {t} | {' | '.join(ops)} | {fmt_ratio(score['ours-near'], score['ours'])} "
                   f"| {fmt_ratio(score['ours-near'], score['caffeine-jcache'])} | {'; '.join(goals)} |")
    return "\n".join(out)


def compression_table(results):
    keys = sorted({(k[0], k[2]) for k in results if k[0].startswith("LargeValues.")})
    if not keys:
        return None
    titles = {"LargeValues.getHit": "get, hit", "LargeValues.put": "put (overwrite)"}
    out = ["| workload | threads | compressed (default, ops/s) | uncompressed (ops/s) | compressed / uncompressed "
           "| compressed (B/op) | uncompressed (B/op) |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for workload, t in keys:
        on = results.get((workload, None, t, "ours"))
        off = results.get((workload, None, t, "ours-uncompressed"))
        out.append(f"| {titles.get(workload, workload)} | {t} | {fmt_ops(*on[:2]) if on else 'n/a'} "
                   f"| {fmt_ops(*off[:2]) if off else 'n/a'} | {fmt_ratio(on and on[0], off and off[0])} "
                   f"| {f'{on[2]:,.0f}' if on and on[2] is not None else 'n/a'} "
                   f"| {f'{off[2]:,.0f}' if off and off[2] is not None else 'n/a'} |")
    return "\n".join(out)


def compression_footprint_table(large):
    out = ["| configuration | MEMORY USAGE per entry (bytes) | used_memory growth per entry (bytes) "
           "| stored value (bytes) | the JSON's UTF-8 bytes |",
           "|---|---:|---:|---:|---:|"]
    for row in large:
        out.append(f"| {PROVIDER_TITLES[row['provider']]} | {row['memoryUsagePerEntry']:,.0f} "
                   f"| {row['usedMemoryPerEntry']:,.0f} | {row['valueBytes']:,} | {row['rawBytes']:,} |")
    return "\n".join(out)


def footprint_table(footprint):
    out = ["| provider | Redis keys for 10,000 entries | example key | MEMORY USAGE per entry (bytes) "
           "| used_memory growth per entry (bytes) | stored value (bytes) |",
           "|---|---:|---|---:|---:|---:|"]
    for row in footprint:
        out.append(f"| {PROVIDER_TITLES[row['provider']]} | {row['redisKeys']:,} | `{row['keySample']}` "
                   f"| {row['memoryUsagePerEntry']:,.0f} | {row['usedMemoryPerEntry']:,.0f} | {row['valueBytes']:,} |")
    by = {row["provider"]: row for row in footprint}
    if "ours" in by and "redisson-jcache" in by:
        ours, theirs = by["ours"]["memoryUsagePerEntry"], by["redisson-jcache"]["memoryUsagePerEntry"]
        verdict = "met" if ours <= theirs else "not met"
        out.append("")
        out.append(f"Ours / Redisson JCache, MEMORY USAGE per entry: {ours / theirs:.2f}x "
                   f"(issue 5 target: no more than Redisson's JCache: {verdict}). "
                   f"Redisson's Kryo5Codec writes the POJO in {footprint[0]['kryo5CodecBytes']:,} bytes.")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--footprint")
    parser.add_argument("--machine", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--log", action="append", default=[])
    parser.add_argument("jmh", nargs="+")
    args = parser.parse_args()

    results = load_results(args.jmh)
    with open(args.machine, encoding="utf-8") as f:
        machine = f.read().strip()
    footprint, large = None, None
    if args.footprint:
        with open(args.footprint, encoding="utf-8") as f:
            measured = json.load(f)
        footprint, large = measured.get("pojo"), measured.get("large")

    doc = ["# Benchmarks", ""]
    if args.label:
        doc += [f"> **{args.label}**", ""]
    doc += [
        "jcache-redis (\"ours\") against Redisson's own JCache (`org.redisson.jcache.JCachingProvider`) and raw "
        "Redisson (the floor: `RBucket` GET/SET/SET NX/DEL, `RBuckets` MGET, an `RBatch` of SETs, "
        "`RBucket` get + compareAndSet), all on the same private `redis-server`, in the same run, with the "
        "codec each uses by default (ours: Kryo; Redisson 4.7.0: `Kryo5Codec`). The two JCache providers are "
        "driven only through the `javax.cache` API. String keys, 10,000 of them, chosen uniformly at random; "
        "all present keys are written before measuring, so a hit is a hit. Throughput is JMH's mean over the "
        "measurement iterations ± its 99.9% confidence half-width (absent with fewer than three iterations). "
        "Source: `benchmarks/`; see `benchmarks/README.md`.",
        "",
        "## Throughput",
        "",
        throughput_table(results),
        "",
        "`remove, then put` counts one invocation as both operations. `getAll`/`putAll` count one call of "
        "100 keys as one operation.",
        "",
        "## Allocation per operation",
        "",
        "JMH's `-prof gc` (`gc.alloc.rate.norm`): bytes allocated per operation by the whole JVM, so including "
        "the client's Netty I/O threads.",
        "",
        allocation_table(results),
        "",
    ]
    failures = load_failures(args.log)
    if failures:
        doc += ["## Failures", "",
                "Benchmarks that failed (their cells read n/a above); the full stack traces are in "
                "`benchmarks/target/results/jmh-t*.log`.", ""]
        for threads, benchmark, params, message in failures:
            doc.append(f"- `{benchmark}` {params}, {threads}: `{message}`")
        doc.append("")
    near = near_cache_table(results)
    if near:
        doc += [
            "## Near cache: get, hit, 1 KB POJO",
            "",
            "`NearCacheReads`: ours without a near cache (every read a round trip), ours with a near cache "
            "(`RedisCacheConfiguration.setNearCache(NearCacheConfiguration.ofMaximumSize(20_000))`, filled by "
            "reading every key before measuring), and Caffeine's JCache in its default store-by-value mode "
            "(each read a copy through Java serialization). Every read returns a private copy in all three.",
            "",
            near,
            "",
        ]
    compression = compression_table(results)
    if compression or large:
        doc += [
            "## Compression: a compressible 64 KB value",
            "",
            "`LargeValues`: a 64 KB JSON document (a String) over 1,000 keys; ours with its default "
            "compression (values over 4 KB stored LZ4-compressed when smaller) and with "
            "`setCompressionThreshold(RedisCacheConfiguration.NO_COMPRESSION)`.",
            "",
        ]
        if compression:
            doc += [compression, ""]
        if large:
            doc += ["Bytes in Redis per entry (measured as below, 1,000 entries):", "",
                    compression_footprint_table(large), ""]
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


if __name__ == "__main__":
    main()
