#!/usr/bin/env python3
"""Write-to-visible latency across instances (bench/run.sh INSTANCES=2).

Edits one published article COUNT times on the writer instance; after each acknowledged edit, polls the reader
instance (another process sharing PostgreSQL, the replica and Redis) until the article shows the new title. Prints
one line: RESULT count=N p50_ms=.. p99_ms=.. max_ms=.. first_read=.. reverted=.. errors=..
"first_read" counts edits the very first read after the acknowledgement already showed; "reverted" counts reads that
showed an older title after the new one had been seen (must be 0). Run under load to see it under load.
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.request


def call(method, url, key=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("X-Api-Key", key)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--writer", required=True)
    parser.add_argument("--reader", required=True)
    parser.add_argument("--key", required=True, help="an editor key")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--category", type=int, default=1)
    parser.add_argument("--run", default=str(int(time.time())))
    parser.add_argument("--deadline", type=float, default=30.0, help="seconds before an edit counts as never visible")
    args = parser.parse_args()

    run = f"Bench vis {args.run}"
    status, article = call("POST", f"{args.writer}/api/v1/manage/articles", args.key,
                           {"title": run, "body": "Visibility probe.", "categoryId": args.category})
    if status != 201:
        sys.exit(f"creating the probe article answered {status}")
    article_id, slug = article["id"], article["slug"]
    status, _ = call("POST", f"{args.writer}/api/v1/manage/articles/{article_id}/publish", args.key, {})
    if status != 200:
        sys.exit(f"publishing the probe article answered {status}")

    latencies, first_read, reverted, errors = [], 0, 0, 0
    for i in range(args.count):
        title = f"{run} edit {i}"
        status, _ = call("PUT", f"{args.writer}/api/v1/manage/articles/{article_id}", args.key,
                         {"title": title, "slug": slug, "body": "Visibility probe.", "categoryId": args.category})
        acknowledged = time.perf_counter()
        if status != 200:
            errors += 1
            continue
        for attempt in range(1_000_000):
            status, body = call("GET", f"{args.reader}/api/v1/articles/{slug}")
            if status >= 500:
                errors += 1
            if status == 200 and body["title"] == title:
                latencies.append((time.perf_counter() - acknowledged) * 1000)
                first_read += attempt == 0
                break
            if time.perf_counter() - acknowledged > args.deadline:
                errors += 1
                break
        # Seen once, it must stay.
        for _ in range(2):
            status, body = call("GET", f"{args.reader}/api/v1/articles/{slug}")
            if status != 200 or body["title"] != title:
                reverted += 1

    call("DELETE", f"{args.writer}/api/v1/manage/articles/{article_id}", args.key)
    latencies.sort()

    def at(q):
        return latencies[min(len(latencies) - 1, max(0, int(-(-q * len(latencies) // 1)) - 1))] if latencies else 0

    print(f"RESULT count={len(latencies)} p50_ms={at(0.5):.1f} p99_ms={at(0.99):.1f} "
          f"max_ms={(latencies[-1] if latencies else 0):.1f} first_read={first_read} reverted={reverted} errors={errors}")


if __name__ == "__main__":
    main()
