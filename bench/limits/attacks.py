#!/usr/bin/env python3
"""Slow and expensive clients against a running emulator (the memory bounds are fill_bounds.py's), each with a probe: while one attack runs, a second account GETs one of its
ingresses every 20 ms, and the emulator's RSS is sampled. Loopback only; every loop is bounded in count and time.

    python3 bench/limits/attacks.py --port 8080 --pid 1234 [--scenario NAME ...] [--seconds 30]

Prints one tab-separated row per scenario: name, what was driven, probe requests, probe failures, p50 ms, p99 ms,
max ms, peak RSS MiB, whether the process was still up, and the attack's own outcome.
"""
import argparse
import http.client
import json
import os
import socket
import threading
import time
import uuid

HOST = "127.0.0.1"


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def call(port, method, path, token, body=None, headers=None, timeout=60):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    all_headers = {"Authorization": f"Bearer {token}", "Ngrok-Version": "2"}
    if body is not None:
        all_headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    all_headers.update(headers or {})
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, data
    finally:
        connection.close()


class Probe(threading.Thread):
    """A second account's GET by id every 20 ms on one kept-alive connection, plus RSS samples."""

    def __init__(self, port, pid):
        super().__init__(daemon=True)
        self.port, self.pid = port, pid
        self.stop = threading.Event()
        self.latencies, self.failures, self.peak_rss = [], 0, 0.0
        token = "probe_" + uuid.uuid4().hex
        status, data = call(port, "POST", "/agent_ingresses", token, {"domain": f"probe-{uuid.uuid4().hex[:8]}.example.com"})
        assert status == 201, (status, data)
        self.token, self.id = token, json.loads(data)["id"]

    def run(self):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Authorization": f"Bearer {self.token}", "Ngrok-Version": "2"}
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                connection.request("GET", f"/agent_ingresses/{self.id}", headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    self.failures += 1
            except Exception:
                self.failures += 1
                connection.close()
                connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
            self.latencies.append((time.perf_counter() - started) * 1000)
            rss = rss_mib(self.pid)
            if rss:
                self.peak_rss = max(self.peak_rss, rss)
            time.sleep(0.02)
        connection.close()

    def summary(self):
        ordered = sorted(self.latencies) or [float("nan")]
        n = len(ordered)
        return n, self.failures, ordered[n // 2], ordered[max(0, int(n * 0.99) - 1)], ordered[-1]


def trickle_headers(port, seconds, count=1000):
    """count connections that send a request line and then one header byte every 2 s, never finishing."""
    sockets, refused = [], 0
    for _ in range(count):
        try:
            s = socket.create_connection((HOST, port), timeout=5)
            s.sendall(b"GET /agent_ingresses HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            sockets.append(s)
        except OSError:
            refused += 1
    deadline = time.time() + seconds
    while time.time() < deadline:
        time.sleep(2)
        for s in sockets:
            try:
                s.sendall(b"a")
            except OSError:
                pass
    alive = 0
    for s in sockets:
        try:
            s.sendall(b"a")
            alive += 1
        except OSError:
            pass
        s.close()
    return f"{len(sockets)} opened, {refused} refused, {alive} still open at the end"


def trickle_bodies(port, seconds, count=100):
    """count POSTs (several accounts) whose 1,000-byte bodies arrive one byte a second."""
    sockets = []
    for i in range(count):
        s = socket.create_connection((HOST, port), timeout=5)
        s.sendall((f"POST /agent_ingresses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer slowbody_{i % 10}\r\n"
                   "Ngrok-Version: 2\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").encode())
        sockets.append(s)
    deadline = time.time() + seconds
    answers = {}
    while time.time() < deadline and sockets:
        time.sleep(1)
        for s in list(sockets):
            try:
                s.setblocking(False)
                first = s.recv(64)
                s.setblocking(True)
                if first:
                    code = first.split(b" ")[1].decode()
                    answers[code] = answers.get(code, 0) + 1
                    sockets.remove(s)
                    s.close()
                    continue
            except BlockingIOError:
                s.setblocking(True)
            except OSError:
                pass
            try:
                s.sendall(b" ")
            except OSError:
                pass
    for s in sockets:
        s.close()
    return f"answers {answers}, {len(sockets)} unanswered"


def delayed_calls(port, seconds, count=100):
    """count concurrent GETs with Ngrok-Emulator-Fault: latency=<seconds>s."""
    latency = max(1, min(60, int(seconds)))
    sockets = []
    for i in range(count):
        s = socket.create_connection((HOST, port), timeout=latency + 30)
        s.sendall((f"GET /agent_ingresses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer delayed_{i % 10}\r\n"
                   f"Ngrok-Version: 2\r\nNgrok-Emulator-Fault: latency={latency}s\r\nConnection: close\r\n\r\n").encode())
        sockets.append(s)
    answers = {}
    for s in sockets:
        try:
            code = s.recv(64).split(b" ")[1].decode()
        except (OSError, IndexError):
            code = "none"
        answers[code] = answers.get(code, 0) + 1
        s.close()
    return f"latency={latency}s answers {answers}"


def flood(port, seconds, worker, threads=8):
    """threads workers, each running worker(i, n) until the time is up; returns counts of statuses."""
    deadline = time.time() + seconds
    counts, lock = {}, threading.Lock()

    def run(index):
        n = 0
        while time.time() < deadline:
            try:
                status = worker(index, n)
            except Exception as failure:
                status = type(failure).__name__
            with lock:
                counts[status] = counts.get(status, 0) + 1
            n += 1

    pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return dict(sorted(counts.items(), key=lambda item: str(item[0])))


def expensive_filters(port, seconds):
    """An account of 1,000 ingresses listed with the longest filter allowed, matching nothing, from 12 threads."""
    token = "filters_" + uuid.uuid4().hex
    for n in range(1000):
        call(port, "POST", "/agent_ingresses", token, {"domain": f"x{n}-{uuid.uuid4().hex[:6]}.example.com",
                                                       "metadata": "m" * 2000})
    # as many clauses as the 4,096 characters a filter may have hold, each scanning 2,000 characters of metadata
    clause = " || ".join(f'obj.metadata.contains("n{i}")' for i in range(125))
    path = "/agent_ingresses?filter=" + urllib_quote(clause)

    def worker(index, n):
        status, _ = call(port, "GET", path, token)
        return status
    return flood(port, seconds, worker, threads=12)


def urllib_quote(text):
    from urllib.parse import quote
    return quote(text, safe="")


SCENARIOS = {
    "slow-headers": trickle_headers,
    "slow-bodies": trickle_bodies,
    "delayed-calls": delayed_calls,
    "expensive-filters": expensive_filters,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS))
    args = parser.parse_args()
    for name in args.scenario or list(SCENARIOS):
        probe = Probe(args.port, args.pid)
        probe.start()
        outcome = SCENARIOS[name](args.port, args.seconds)
        time.sleep(1)
        probe.stop.set()
        probe.join()
        n, failures, p50, p99, worst = probe.summary()
        up = os.path.exists(f"/proc/{args.pid}")
        print("\t".join([name, str(n), str(failures), f"{p50:.1f}", f"{p99:.1f}", f"{worst:.1f}",
                         f"{probe.peak_rss:.0f}", "up" if up else "DOWN", str(outcome)]), flush=True)
        if not up:
            break


if __name__ == "__main__":
    main()
