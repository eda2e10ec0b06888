#!/usr/bin/env python3
"""Drives every in-memory bound of a running emulator to its documented maximum with maximum-size entries, then
prints the process's heap after a full GC and its RSS (docs/limits.md has the figures and how they were made).

    java @src/main/docker/jvm.options -jar target/agent-ingress-emulator-*.jar --server.port=18081 &
    python3 bench/limits/fill_bounds.py 18081 <pid>

Loopback only; every loop is bounded by the default settings (3,000 ingresses, 12 MB of journal over 100 accounts,
10,000 clocks, 5,000 fault rules), each driven one past its bound to see the refusal. bench/limits/run.sh runs it
after the slow-client attacks of attacks.py, on the same server.
"""
import concurrent.futures
import http.client
import json
import subprocess
import sys
import threading
import time

PORT = int(sys.argv[1])
PID = sys.argv[2]
THREADS = 4


def request(conn, method, path, token, body=None, headers=None):
    h = {"Authorization": "Bearer " + token, "Ngrok-Version": "2"}
    if body is not None:
        h["Content-Type"] = "application/json"
        body = json.dumps(body, ensure_ascii=False).encode()
    h.update(headers or {})
    conn.request(method, path, body, h)
    response = conn.getresponse()
    return response.status, response.read()


def probe(stop, latencies):
    """Another account's GET of its (one-item) list every 50 ms while a step runs: what the others see."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    while not stop.is_set():
        started = time.perf_counter()
        status, _ = request(conn, "GET", "/agent_ingresses", "bystander")
        latencies.append((time.perf_counter() - started) * 1000 if status == 200 else float("inf"))
        stop.wait(0.05)


def in_parallel(name, count, work):
    """Runs work(conn, i) for i in range(count) on THREADS keep-alive connections; counts the statuses."""
    statuses = {}
    started = time.time()
    stop, latencies = threading.Event(), []
    bystander = threading.Thread(target=probe, args=(stop, latencies))
    bystander.start()

    def run(part):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        seen = {}
        for i in range(part, count, THREADS):
            status, body = work(conn, i)
            seen[status] = seen.get(status, 0) + 1
            if status >= 500:
                print(name, i, status, body[:200])
        return seen

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        for seen in pool.map(run, range(THREADS)):
            for status, n in seen.items():
                statuses[status] = statuses.get(status, 0) + n
    stop.set()
    bystander.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"{name}: {count} requests in {time.time() - started:.0f} s, statuses {statuses};"
          f" another account's GET: {len(latencies)} requests, p99 {p99:.0f} ms", flush=True)


def largest_domain(i):
    label = "r%07d" % i
    return label + "." + ("a" * 61 + ".") * 3 + "b" * 53 + ".com"  # 253 characters, labels of at most 63


def create(conn, i):
    # 2-byte characters up to the byte limits: 4096 bytes of metadata, 254 of description, all distinct per row
    label = "r%07d" % i
    body = {"domain": largest_domain(i), "description": label + "\u0100" * 123,
            "metadata": label + "\u0100" * 2044, "certificate_management_policy": {"private_key_type": "ecdsa"}}
    return request(conn, "POST", "/agent_ingresses", "ingress-owner-%d" % (i // 300), body)


def journal_flood(conn, i):
    # 100 accounts, each request as large as Tomcat lets through: a 24 KB query and a 6 KB header
    return request(conn, "GET", "/agent_ingresses?filter=" + ("x%04d" % (i % 10000)) * 4800, "journal-%d" % (i % 100),
                   headers={"X-Padding": "p" * 6000})


def freeze(conn, i):
    return request(conn, "POST", "/_emulator/clock/freeze", "clock-%d" % i, {"at": "2030-01-01T00:00:00Z"})


def fault(conn, i):
    return request(conn, "POST", "/_emulator/faults", "faults-%d" % (i // 100),
                   {"operation": "AgentIngressesDelete", "status": 503, "error_code": "E" * 64})


def measure(label):
    subprocess.run(["jcmd", PID, "GC.run"], capture_output=True)
    info = subprocess.run(["jcmd", PID, "GC.heap_info"], capture_output=True, text=True).stdout
    # the young and old generation lines ("def new generation total ..., used ...K" on JDK 17, "DefNew total ..." on 25)
    used = sum(int(line.split(", used ")[1].split("K")[0]) for line in info.splitlines()
               if " total " in line and ", used " in line)
    rss = next(line.split()[1] for line in open(f"/proc/{PID}/status") if line.startswith("VmRSS"))
    committed = sum(int(line.split(" total ")[1].split("K")[0]) for line in info.splitlines()
                    if " total " in line and ", used " in line)
    print(f"{label}: heap used after full GC {used // 1024} MiB of {committed // 1024} MiB committed,"
          f" RSS {int(rss) // 1024} MiB", flush=True)


request(http.client.HTTPConnection("127.0.0.1", PORT), "POST", "/agent_ingresses", "bystander",
        {"domain": "bystander.example.com"})
measure("idle")
in_parallel("ingresses (3,000 + 1)", 3001, create)
measure("after ingresses")
in_parallel("journal (20,000 requests of ~60 KB over 100 accounts)", 20000, journal_flood)
measure("after journal")
in_parallel("clocks (10,000 + 1)", 10001, freeze)
measure("after clocks")
in_parallel("fault rules (5,000 + 1)", 5001, fault)
measure("after fault rules")
