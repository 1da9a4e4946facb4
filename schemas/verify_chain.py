#!/usr/bin/env python3
"""Re-checks every journal chain in a Pacta database, following only
journal-chain.md: an independent implementation of the encoding.

usage: verify_chain.py PATH/TO/pacta.db     exit 0 if every chain verifies
"""
import hashlib, json, sqlite3, sys

GENESIS = "0" * 64

def canonical(value):
    # sort_keys sorts by code point, which equals UTF-16 order for our ASCII keys.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

def main(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    bad = 0
    cases = db.execute("SELECT id, reference FROM cases ORDER BY reference").fetchall()
    for case_id, reference in cases:
        prev, expected_seq = GENESIS, 1
        rows = db.execute(
            "SELECT seq, id, kind, occurred_at, recorded_at, author, body, corrects, documents, data, prev_hash, hash "
            "FROM journal WHERE case_id = ? ORDER BY seq", (case_id,))
        for seq, id_, kind, occurred, recorded, author, body, corrects, documents, data, prev_hash, hash_ in rows:
            entry = {"author": author, "body": body, "case_id": case_id, "corrects": corrects,
                     "data": json.loads(data), "documents": json.loads(documents), "id": id_, "kind": kind,
                     "occurred_at": occurred, "recorded_at": recorded, "seq": seq}
            actual = hashlib.sha256((prev_hash + "\n" + canonical(entry)).encode()).hexdigest()
            if seq != expected_seq or prev_hash != prev or actual != hash_:
                print(f"{reference} entry #{seq}: does not verify")
                bad += 1
            prev, expected_seq = hash_, seq + 1
    print(f"{len(cases)} cases checked, {bad} bad entries")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
