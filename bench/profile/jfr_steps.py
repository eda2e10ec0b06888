#!/usr/bin/env python3
"""Groups a JFR recording's execution samples by request step (stdout, Markdown).

    jfr print --json --stack-depth 256 --events jdk.ExecutionSample rec.jfr > samples.json  (the default prints 5 frames)
    python3 bench/profile/jfr_steps.py samples.json

Each sample goes to the innermost frame that names a step: JDK frames (java., jdk., sun.) are skipped, so their
time counts for the code that called them, except the JDK's message digests (hashing). Also prints the top leaf
frames (self time) and the top packages of the leaf frames.
"""
import json
import sys
from collections import Counter

EMU = "dev.agentingress.emulator."
STEPS = [  # (step, predicate on "class.method"), first match wins for a frame
    # the IDs' random bytes come from SecureRandom (NativePRNG), in the same JDK package as the digests
    ("ID generation (KSUID, its SecureRandom bytes)", lambda c: c.startswith(EMU + "ids.") or
     c.startswith("sun.security.provider.NativePRNG") or c.startswith("java.security.SecureRandom")),
    ("hashing (SHA-256 of the API key)", lambda c: c.startswith("sun.security.provider.") or
     c.startswith("java.security.MessageDigest") or c.startswith(EMU + "api.HashedAccounts")),
    ("journal capture", lambda c: c.startswith(EMU + "controls.journal.")),
    ("emulator filters, interceptors, argument resolvers", lambda c: c.startswith(EMU + "api.") or
     c.startswith(EMU + "controls.")),
    ("emulator handler and service", lambda c: c.startswith(EMU)),
    ("H2", lambda c: c.startswith("org.h2.")),
    ("Hibernate and JPA", lambda c: c.startswith("org.hibernate.") or c.startswith("jakarta.persistence")),
    ("Hikari", lambda c: c.startswith("com.zaxxer.")),
    ("Jackson", lambda c: c.startswith("com.fasterxml.jackson.") or c.startswith("tools.jackson.")),
    ("Spring Data, transactions, AOP", lambda c: c.startswith("org.springframework.data.") or
     c.startswith("org.springframework.transaction.") or c.startswith("org.springframework.aop.") or
     c.startswith("org.springframework.orm.")),
    ("Spring MVC dispatch and handler lookup", lambda c: c.startswith("org.springframework.web.") or
     c.startswith("org.springframework.http.")),
    ("Micrometer / observation", lambda c: c.startswith("io.micrometer.")),
    ("Spring (other)", lambda c: c.startswith("org.springframework.")),
    ("Tomcat (HTTP, connector, filter chain)", lambda c: c.startswith("org.apache.")),
]
JDK = ("java.", "jdk.", "sun.", "javax.")
# inclusive view: share of samples with this frame anywhere on the stack (the step and all it calls)
INCLUSIVE = ["RequestJournalFilter.doFilter", "NgrokRouteFilter.doFilter", "OperationIdFilter.doFilter",
             "ServerHttpObservationFilter.doFilterInternal", "DispatcherServlet.doDispatch",
             "AbstractHandlerMethodMapping.lookupHandlerMethod", "DispatcherServlet.getHandler",
             "InvocableHandlerMethod.getMethodArgumentValues", "AgentIngressController.get",
             "TransactionInterceptor.invoke", "SimpleJpaRepository.findById",
             "AbstractMessageConverterMethodProcessor.writeWithMessageConverters", "HashedAccounts.of",
             "KsuidGenerator.nextRandom", "Http11Processor.service", "CoyoteAdapter.service"]


def frame_name(fr):
    m = fr["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


data = json.load(open(sys.argv[1], encoding="utf-8"))
events = data["recording"]["events"]
steps, leaves, pkgs, incl = Counter(), Counter(), Counter(), Counter()
depth = 0
threads = Counter()
n = 0
for ev in events:
    v = ev["values"]
    st = v.get("stackTrace") or {}
    frames = [frame_name(f) for f in st.get("frames", []) if f and f.get("method")]
    if not frames:
        continue
    n += 1
    threads[(v.get("sampledThread") or {}).get("javaName") or "?"] += 1
    leaves[frames[0]] += 1
    depth = max(depth, len(frames))
    for key in INCLUSIVE:
        if any(fr.endswith("." + key) or fr.endswith(key) and "." + key.split(".")[0] in "." + fr for fr in frames):
            incl[key] += 1
    leaf_cls = frames[0].rsplit(".", 1)[0]
    pkgs[".".join(leaf_cls.split(".")[:3])] += 1
    step = None
    for fr in frames:
        hit = next((name for name, pred in STEPS if pred(fr)), None)
        if hit and (not fr.startswith(JDK) or hit.startswith(("hashing", "ID generation"))):
            step = hit
            break
    steps[step or "JDK only (no library frame)"] += 1

print(f"{n} execution samples")
print()
print("| step (innermost non-JDK frame) | samples | share |")
print("|---|---|---|")
for s, c in steps.most_common():
    print(f"| {s} | {c} | {100 * c / n:.1f} % |")
print()
print("| top leaf frames (self time) | samples | share |")
print("|---|---|---|")
for s, c in leaves.most_common(20):
    print(f"| `{s}` | {c} | {100 * c / n:.1f} % |")
print()
print("| leaf package | samples | share |")
print("|---|---|---|")
for s, c in pkgs.most_common(15):
    print(f"| `{s}` | {c} | {100 * c / n:.1f} % |")
print()
print(f"| on the stack (deepest stack: {depth} frames) | samples | share |")
print("|---|---|---|")
for s_, c in incl.most_common():
    print(f"| `{s_}` | {c} | {100 * c / n:.1f} % |")
print()
print("threads: " + ", ".join(f"{t} {c}" for t, c in threads.most_common(8)))
