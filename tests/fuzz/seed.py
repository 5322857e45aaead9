#!/usr/bin/env python3
"""Seeds tests/fuzz/corpus/<target>/ from the upstream fixtures, the bench inputs and the CESQL TCK
(all read from ../shared at run time; the corpus folder is git-ignored, so no third-party file is
ever committed). Multi-input targets take their parts joined by NUL bytes."""
import hashlib
import json
import os
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
MAX = 64 * 1024  # libFuzzer's -max_len in run.sh


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    data = data[:MAX]
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def json_files(*subdirs):
    for sub in subdirs:
        base = SHARED / sub
        if base.is_dir():
            yield from sorted(base.rglob("*.json"))


def resources(rtype):
    out = []
    for f in json_files("research/fixtures/genomics-ig", "research/fixtures/goms-oas"):
        try:
            v = json.loads(f.read_text())
        except ValueError:
            continue
        stack = [v]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                if x.get("resourceType") == rtype:
                    out.append(x)
                stack.extend(x.values())
            elif isinstance(x, list):
                stack.extend(x)
    return out


def tck_expressions():
    base = SHARED / "research" / "cesql-tck"
    if not base.is_dir():
        return []
    out = []
    for f in sorted(base.glob("*.yaml")):
        for m in re.finditer(r"^\s*expression:\s*(.+?)\s*$", f.read_text(), re.M):
            e = m.group(1)
            if len(e) >= 2 and e[0] == e[-1] and e[0] in "\"'":
                try:
                    e = json.loads(e) if e[0] == '"' else e[1:-1].replace("''", "'")
                except ValueError:
                    pass
            out.append(e)
    return out


def criteria_filters():
    f = SHARED / "bench" / "criteria" / "filters.json"
    return json.loads(f.read_text())["filters"] if f.is_file() else []


def main():
    if not SHARED.is_dir():
        print(f"seed: {SHARED} is absent; seeding from built-in inputs only", file=sys.stderr)
    docs = [f.read_bytes() for f in json_files("research/fixtures", "bench/bundles")]
    docs += [b"{}", b"[]", b'{"resourceType":"Bundle","type":"transaction","entry":[]}']
    for d in docs:
        put("json", d)
        put("validate_text", b"\x00" + d)
        put("validate_bytes", b"\x00" + d)
        put("validate_bytes", b"\x05" + d)  # order mode, strict
    # The reused Validator: a large document between small ones, and the reverse.
    for i, d in enumerate(docs):
        other = docs[(i * 7 + 3) % len(docs)]
        put("validator_reuse", bytes([i % 8]) + b"\0".join([d, other, d[: len(d) // 2], other]))
    # Transitions: every status any fixture uses, paired.
    statuses = ["draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress",
                "on-hold", "failed", "completed", "entered-in-error", "active", "revoked", "final", "amended",
                "available", "unavailable", "proposed", "inactive", "preliminary", "registered", "unknown"]
    kinds = ["Task", "ServiceRequest", "RequestGroup", "DiagnosticReport", "Specimen", "Consent"]
    for i, k in enumerate(kinds):
        for j, a in enumerate(statuses):
            b = statuses[(j * 7 + i) % len(statuses)]
            put("workflow_transition", "\0".join([k, a, b, "gms" if j % 2 else "r4", ["placer", "filler", "broker", ""][j % 4]]))
    tasks = resources("Task")
    for i, t in enumerate(tasks):
        after = dict(t, status=statuses[i % len(statuses)], lastModified="2026-07-01T10:00:00Z")
        put("workflow_update", "\0".join([json.dumps(t), json.dumps(after), ["LAB456", "", "RGT"][i % 3]]))
        put("workflow_update", "\0".join([json.dumps([t, after]), "{}", ""]))
    for i, sr in enumerate(resources("ServiceRequest")):
        after = dict(sr, status=["revoked", "on-hold", "completed", "active", "entered-in-error"][i % 5])
        put("workflow_cascade", "\0".join([json.dumps(sr), json.dumps(after), json.dumps(tasks[i % 7::7][:6])]))
    # Criteria: dialect byte, expression, NUL, the attributes of an event.
    event = json.dumps({"eventType": "genomic-order-event-1", "resourceType": "Task", "performer": "LAB456",
                        "requester": "TRUST001", "owner": "LABB", "taskStatus": "in-progress", "n": 7})
    for e in tck_expressions():
        put("criteria", b"\x01" + e.encode() + b"\x00" + event.encode())
    for e in criteria_filters():
        put("criteria", b"\x00" + e.encode() + b"\x00" + event.encode())
    own = ROOT / "tests" / "fixtures"
    for f in json_files("research/fixtures/mns"):
        put("events", f.read_bytes())
    for f in sorted((own / "events").glob("*")):
        for line in f.read_bytes().splitlines() if f.suffix == ".ndjson" else [f.read_bytes()]:
            put("events", line)
    for f in sorted((own / "report").glob("*.json")):
        put("report", f.read_bytes())
    for f in json_files("research/fixtures/genomics-ig/DiagnosticReport", "research/fixtures/genomics-ig/Bundle",
                        "research/fixtures/genomics-ig/Bundle-removed-upstream"):
        put("report", f.read_bytes())
    for f in sorted((own / "narrative").rglob("*.xhtml")):
        put("narrative", f.read_bytes())
    for f in json_files("research/fixtures/genomics-ig"):
        for m in re.finditer(r'"div"\s*:\s*("(?:[^"\\]|\\.)*")', f.read_text(errors="replace")):
            try:
                put("narrative", json.loads(m.group(1)))
            except ValueError:
                pass
    for f in sorted((own / "compose").rglob("*.json")):
        put("compose", f.read_bytes())
    # The graph: a selector byte, then a Bundle (the graph fixtures, every Bundle above).
    for f in sorted((own / "graph").glob("*.json")):
        put("graph", b"\x01" + f.read_bytes())
    for i, d in enumerate(docs):
        put("graph", bytes([i % 256]) + d)
    # Tracking: a search result, then two _history Bundles.
    oas = list(json_files("research/fixtures/goms-oas"))
    searches = [f.read_bytes() for f in oas if "-get" in f.name or "read" in f.name]
    histories = [f.read_bytes() for f in oas if "history" in f.name]
    for i, s in enumerate(searches):
        h = histories[i % len(histories)] if histories else b"{}"
        put("track", s + b"\x00" + h + b"\x00" + s)
    # The subscription builder and tester: a form, a criteria, then a Bundle or an event.
    forms = [json.dumps({"resourceType": "Task", "statuses": ["in-progress", "completed"], "owners": ["LAB456"],
                         "businessStatuses": ["sample-received"], "taskCodes": ["fulfil"], "requesters": ["R0A"]}),
             json.dumps({"resourceType": "ServiceRequest", "statuses": ["active"], "performers": ["O'Brien"]}),
             json.dumps({})]
    crits = (criteria_filters() + tck_expressions())[:200] or ["eventType='genomic-order-event-1'"]
    subjects = [f.read_bytes() for f in json_files("research/fixtures/mns")] + docs[:40]
    for i, c in enumerate(crits):
        put("subscribe", forms[i % len(forms)].encode() + b"\x00" + c.encode() + b"\x00" + subjects[i % len(subjects)])
    # A server's answer: a little-endian HTTP status, then the body.
    for f in oas:
        code = int(f.name[:3]) if f.name[:3].isdigit() else 400
        put("response", code.to_bytes(2, "little") + f.read_bytes())
    put("response", (201).to_bytes(2, "little") + json.dumps({"resourceType": "Bundle", "type": "transaction-response",
        "entry": [{"response": {"status": "201 Created", "location": "ServiceRequest/1/_history/1"}},
                  {"response": {"status": "400", "outcome": {"resourceType": "OperationOutcome",
                   "issue": [{"severity": "error", "code": "invalid", "diagnostics": "bad"}]}}}]}).encode())
    n = {t.name: len(list(t.iterdir())) for t in sorted(CORPUS.iterdir())} if CORPUS.is_dir() else {}
    print("seed: " + ", ".join(f"{k} {v}" for k, v in n.items()))


main()
