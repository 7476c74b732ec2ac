#!/usr/bin/env python3
"""Crash test driver (stdlib only), run by scripts/crash-test.sh.

`drive`: concurrent weekly updates against a running server; after KILL_AFTER acknowledged
submissions it sends SIGKILL to the server while the other workers are still writing, and
records every acknowledged (201) submission in ACK_FILE.

`check`: after the restart, SQL checks on PostgreSQL (through psql) that
  1. every acknowledged submission is stored,
  2. no submission is partial (a report, its disbursement and its difficulty: all or none),
  3. every row the submissions wrote has its audit row,
and that the restarted server serves the stored reports.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

MARK = "crash-"


def call(base, method, path, token=None, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def login(base, user, password):
    status, body = call(base, "POST", "/api/v1/auth/login", body={"username": user, "password": password})
    if status != 200:
        sys.exit(f"login as {user} failed: {status} {body}")
    return body["access_token"]


def drive(a):
    token = login(a.base, a.user, a.password)
    status, page = call(a.base, "GET", "/api/v1/projects?per_page=200", token)
    if status != 200:
        sys.exit(f"project list: {status} {page}")
    projects = [p["id"] for p in page["items"]]
    status, refs = call(a.base, "GET", "/api/v1/reference", token)
    category = refs["difficulty_categories"][0]["code"] if status == 200 else "other"
    today = date.fromisoformat(a.today)
    # Distinct (project, date) slots: one report per project and day. Dates go back from
    # yesterday, so they precede the synthetic reports and 0 % never "decreases".
    slots = [(p, today - timedelta(days=1 + k)) for k in range(360) for p in projects][: a.total]
    acked, lock = [], threading.Lock()
    killed = threading.Event()
    errors = {"refused": 0, "other": []}

    def submit(i):
        project, day = slots[i]
        marker = f"{MARK}{a.run}-{i}"
        body = {
            "report": {
                "as_of": day.isoformat(),
                "actual_percent": "0",
                "output_value": "0",
                "work_done": marker,
            },
            "disbursements": [{"paid_on": day.isoformat(), "amount": "1000000", "note": marker}],
            "new_difficulties": [
                {"category": category, "title": marker, "raised_on": day.isoformat(), "detail": "crash test"}
            ],
        }
        try:
            status, res = call(a.base, "POST", f"/api/v1/projects/{project}/weekly-update", token, body)
        except (urllib.error.URLError, ConnectionError, OSError):
            errors["refused"] += 1  # the server was killed under this request: not acknowledged
            return
        if status == 201:
            with lock:
                acked.append({"marker": marker, "report_id": res["report"]["id"], "project": project})
                if len(acked) == a.kill_after and not killed.is_set():
                    killed.set()
                    os.kill(a.kill_pid, signal.SIGKILL)
        elif not killed.is_set():
            errors["other"].append((status, str(res)[:300]))

    with ThreadPoolExecutor(max_workers=a.concurrency) as pool:
        list(pool.map(submit, range(len(slots))))
    with open(a.ack_file, "w") as f:
        json.dump(acked, f)
    print(f"drive: {len(acked)} acknowledged, killed={killed.is_set()}, "
          f"{errors['refused']} cut off by the kill, {len(errors['other'])} other failures")
    if errors["other"]:
        print("drive: unexpected answers before the kill:", errors["other"][:5])
        sys.exit(1)
    if not killed.is_set():
        sys.exit("drive: the server was never killed (too few acknowledged submissions)")


def psql(db_url, sql):
    out = subprocess.run(["psql", db_url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def check(a):
    acked = json.load(open(a.ack_file))
    like = f"'{MARK}{a.run}-%'"
    reports = dict(
        line.split("|")[::-1]
        for line in psql(a.db_url, f"SELECT id, work_done FROM progress_reports WHERE work_done LIKE {like}"))
    disb = psql(a.db_url, f"SELECT note FROM disbursements WHERE note LIKE {like}")
    diff = psql(a.db_url, f"SELECT title FROM difficulties WHERE title LIKE {like}")
    failures = []

    missing = [x["marker"] for x in acked if x["marker"] not in reports]
    if missing:
        failures.append(f"{len(missing)} acknowledged submissions are missing, e.g. {missing[:3]}")
    wrong_id = [x for x in acked if x["marker"] in reports and reports[x["marker"]] != str(x["report_id"])]
    if wrong_id:
        failures.append(f"{len(wrong_id)} acknowledged report ids differ from the stored ones")
    sets = {"reports": set(reports), "disbursements": set(disb), "difficulties": set(diff)}
    for name, rows in (("disbursements", disb), ("difficulties", diff)):
        if len(rows) != len(set(rows)):
            failures.append(f"duplicate {name} for one submission")
    if not (sets["reports"] == sets["disbursements"] == sets["difficulties"]):
        partial = (sets["reports"] ^ sets["disbursements"]) | (sets["reports"] ^ sets["difficulties"])
        failures.append(f"{len(partial)} partial submissions, e.g. {sorted(partial)[:3]}")
    for table, entity, column in (("progress_reports", "progress_report", "work_done"),
                                  ("disbursements", "disbursement", "note"),
                                  ("difficulties", "difficulty", "title")):
        orphans = psql(a.db_url, f"""
            SELECT count(*) FROM {table} t
            WHERE t.{column} LIKE {like} AND NOT EXISTS (
              SELECT 1 FROM audit_log l
              WHERE l.entity = '{entity}' AND l.entity_id = CAST(t.id AS TEXT) AND l.action = 'create')""")
        if orphans != ["0"]:
            failures.append(f"{orphans[0]} {table} rows without their audit row")

    # The restarted server reads what was stored.
    token = login(a.base, a.user, a.password)
    sample = acked[: 20]
    for x in sample:
        status, _ = call(a.base, "GET", f"/api/v1/projects/{x['project']}/reports/{x['report_id']}", token)
        if status != 200:
            failures.append(f"report {x['report_id']} not served after restart: {status}")
            break

    print(f"check: {len(acked)} acknowledged, {len(reports)} stored (the rest were in flight at the kill), "
          f"{len(disb)} disbursements, {len(diff)} difficulties")
    if failures:
        for f in failures:
            print("check: FAIL:", f)
        sys.exit(1)
    print("check: every acknowledged submission is stored, none is partial, every write has its audit row")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["drive", "check"])
    p.add_argument("--base", required=True)
    p.add_argument("--user", default="sxd")
    p.add_argument("--password", default="DongNai@2026")
    p.add_argument("--run", required=True)
    p.add_argument("--ack-file", required=True)
    p.add_argument("--today", default=date.today().isoformat())
    p.add_argument("--total", type=int, default=800)
    p.add_argument("--kill-after", type=int, default=300)
    p.add_argument("--kill-pid", type=int)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--db-url")
    a = p.parse_args()
    drive(a) if a.mode == "drive" else check(a)


if __name__ == "__main__":
    main()
