#!/usr/bin/env python3
"""Re-checks every case's journal in a Pacta database following only journal-chain.md: both
encodings and the one order. usage: verify_chain.py PATH/TO/pacta.db (exit 0: all verify)"""
import hashlib, heapq, json, sqlite3, sys

GENESIS = "0" * 64
SHARED = ("author", "body", "case_id", "corrects", "data", "documents", "id", "kind", "occurred_at", "recorded_at")

def canonical(value):  # sort_keys: code point order, = UTF-16 order for our ASCII keys
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

def entry_hash(e):
    fields = {k: e[k] for k in SHARED}
    if e["parents"] is None:  # formats 1 and 2: a chain
        fields["seq"] = e["seq"]
        return hashlib.sha256((e["prev_hash"] + "\n" + canonical(fields)).encode()).hexdigest()
    fields["office"], fields["parents"] = e["office"], sorted(e["parents"])
    return hashlib.sha256(canonical(fields).encode()).hexdigest()

def one_order(entries):
    """Parents first; then the one that happened first; then the smaller hash."""
    at = {e["hash"]: e["occurred_at"] for e in entries}
    waiting, children = {}, {h: [] for h in at}
    for e in entries:  # an entry of a chain has one parent: prev_hash
        parents = e["parents"] if e["parents"] is not None else [e["prev_hash"]] * (e["prev_hash"] != GENESIS)
        waiting[e["hash"]] = len(parents)
        for p in parents:
            if p not in children:
                return None  # a parent that is not in this case
            children[p].append(e["hash"])
    ready, order = sorted((at[h], h) for h, n in waiting.items() if n == 0), []
    while ready:
        order.append(heapq.heappop(ready)[1])
        for c in children[order[-1]]:
            waiting[c] -= 1
            if waiting[c] == 0:
                heapq.heappush(ready, (at[c], c))
    return order

def main(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    columns = ("seq", "id", "kind", "occurred_at", "recorded_at", "author", "body", "corrects",
               "documents", "data", "prev_hash", "hash", "parents", "office")
    bad, cases = 0, db.execute("SELECT id, reference FROM cases ORDER BY reference").fetchall()
    for case_id, reference in cases:
        rows = db.execute(f"SELECT {', '.join(columns)} FROM journal WHERE case_id = ? ORDER BY seq", (case_id,))
        entries = [dict(zip(columns, r), case_id=case_id) for r in rows]
        for e in entries:
            e["data"], e["documents"] = json.loads(e["data"]), json.loads(e["documents"])
            e["parents"] = e["parents"] and json.loads(e["parents"])
        for position, e in enumerate(entries, 1):
            if e["seq"] != position or entry_hash(e) != e["hash"]:
                print(f"{reference} entry #{e['seq']}: does not verify")
                bad += 1
        if one_order(entries) != [e["hash"] for e in entries]:
            print(f"{reference}: the entries are not in their one order, or a parent is missing")
            bad += 1
    print(f"{len(cases)} cases checked, {bad} problems"); return 1 if bad else 0
if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
