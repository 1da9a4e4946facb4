#!/usr/bin/env python3
"""Builds a corpus of hostile dossiers from one valid dossier.

usage: hostile_dossiers.py VALID.pacta OUT_DIR

Each file is a way a dossier can be damaged or crafted to attack the
importer; `pacta verify` and `pacta import` must refuse every one and change
nothing. The name of each file says what it is.
"""
import hashlib, io, json, os, sys, zipfile

def read(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]

def sha(b):
    return hashlib.sha256(b).hexdigest()

def rehash(files):
    """Rewrites manifest.json so that its file list matches the files again."""
    files = [(n, b) for n, b in files]
    manifest = json.loads(dict(files)["manifest.json"])
    manifest["files"] = [{"path": n, "size": len(b), "sha256": sha(b)} for n, b in sorted(files)
                         if n not in ("manifest.json", "manifest.json.sig")]
    return [(n, json.dumps(manifest, indent=2).encode() if n == "manifest.json" else b) for n, b in files]

def write(out, name, files, compress=zipfile.ZIP_STORED, extra=None):
    with zipfile.ZipFile(os.path.join(out, name), "w", compression=compress) as z:
        for n, b in files:
            z.writestr(zipfile.ZipInfo(n, (1980, 1, 1, 0, 0, 0)), b)
        if extra:
            extra(z)

def replace(files, name, data):
    return [(n, data if n == name else b) for n, b in files]

def rehash_entry(e):
    """A format 3 entry's hash (schemas/journal-chain.md), so that only the
    graph is wrong, not the entry."""
    fields = {k: e[k] for k in ("author", "body", "case_id", "corrects", "data", "documents", "id", "kind",
                                "occurred_at", "office", "recorded_at")}
    fields["parents"] = sorted(e["parents"])
    e["hash"] = sha(json.dumps(fields, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode())
    return e

def with_journal(files, lines):
    return rehash(replace(files, "journal.jsonl", ("\n".join(json.dumps(l, ensure_ascii=False) for l in lines) + "\n").encode()))

def main(valid, out):
    os.makedirs(out, exist_ok=True)
    files = read(valid)
    names = dict(files)
    doc = next(n for n, _ in files if n.startswith("documents/"))

    # Names that point outside the folder they are unpacked into.
    for label, evil in [("dotdot", "../evil.txt"), ("dotdot-nested", "documents/../../evil.txt"), ("absolute", "/tmp/evil.txt"),
                        ("backslash", "documents\\..\\evil.txt"), ("drive-letter", "C:/evil.txt")]:
        write(out, f"name-{label}.pacta", files + [(evil, b"evil")])

    def symlink(z):
        info = zipfile.ZipInfo("documents/link", (1980, 1, 1, 0, 0, 0))
        info.create_system = 3
        info.external_attr = (0o120777 << 16)
        z.writestr(info, "/etc/passwd")
    write(out, "symlink.pacta", files, extra=symlink)

    def duplicate(z):
        z.writestr(zipfile.ZipInfo("case.json", (1980, 1, 1, 0, 0, 0)), names["case.json"])
    import warnings
    warnings.simplefilter("ignore")
    write(out, "duplicate-name.pacta", files, extra=duplicate)

    write(out, "unlisted-file.pacta", files + [("documents/" + "0" * 64, b"smuggled")])
    write(out, "listed-but-missing.pacta", [(n, b) for n, b in files if n != doc])
    tampered = bytearray(names[doc]); tampered[0] ^= 1
    write(out, "wrong-hash.pacta", replace(files, doc, bytes(tampered)))
    manifest = json.loads(names["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == doc:
            f["size"] += 1
    write(out, "wrong-size.pacta", replace(files, "manifest.json", json.dumps(manifest).encode()))

    # 256 MiB of zeros that deflate to a few hundred KiB.
    def bomb(z):
        z.writestr(zipfile.ZipInfo("documents/" + "f" * 64, (1980, 1, 1, 0, 0, 0)), b"\0" * (256 << 20), compress_type=zipfile.ZIP_DEFLATED)
    write(out, "zip-bomb.pacta", files, extra=bomb)

    big = json.loads(names["manifest.json"])
    big["files"] = [{"path": f"documents/{i:064x}", "size": 0, "sha256": "0" * 64} for i in range(2_000_000)]
    write(out, "manifest-of-millions.pacta", replace(files, "manifest.json", json.dumps(big, separators=(",", ":")).encode()), compress=zipfile.ZIP_DEFLATED)

    raw = open(valid, "rb").read()
    open(os.path.join(out, "truncated.pacta"), "wb").write(raw[: len(raw) // 2])
    open(os.path.join(out, "not-a-zip.pacta"), "wb").write(b"These are the minutes of the meeting, not a dossier.\n" * 50)

    future = json.loads(names["manifest.json"]); future["format_version"] = 99
    write(out, "unknown-format-version.pacta", replace(files, "manifest.json", json.dumps(future).encode()))
    write(out, "invalid-json.pacta", replace(files, "manifest.json", b'{"format": "pacta-dossier", '))
    unknown = json.loads(names["manifest.json"]); unknown["extra"] = "smuggled"
    write(out, "manifest-schema-violation.pacta", replace(files, "manifest.json", json.dumps(unknown).encode()))

    case = json.loads(names["case.json"]); case["stage"] = "finished"
    write(out, "case-schema-violation.pacta", rehash(replace(files, "case.json", json.dumps(case).encode())))

    lines = names["journal.jsonl"].decode().splitlines()
    entry = json.loads(lines[1]); entry["body"] = entry["body"] + " (amended)"
    lines[1] = json.dumps(entry)
    write(out, "chain-does-not-verify.pacta", rehash(replace(files, "journal.jsonl", ("\n".join(lines) + "\n").encode())))
    shorter = names["journal.jsonl"].decode().splitlines()[:-1]
    write(out, "last-entry-removed.pacta", rehash(replace(files, "journal.jsonl", ("\n".join(shorter) + "\n").encode())))
    swapped = names["journal.jsonl"].decode().splitlines()
    swapped[1], swapped[2] = swapped[2], swapped[1]
    write(out, "entries-reordered.pacta", rehash(replace(files, "journal.jsonl", ("\n".join(swapped) + "\n").encode())))
    retitled = json.loads(names["case.json"]); retitled["title"] = "Another title"
    write(out, "case-differs-from-journal.pacta", rehash(replace(files, "case.json", json.dumps(retitled).encode())))

    # The graph (format 3): a parent that is not in the journal, as one of
    # another case would be; an entry that names its own descendant; an id
    # twice with other content; an entry of another case.
    entries = [json.loads(l) for l in names["journal.jsonl"].decode().splitlines()]
    missing = [dict(e) for e in entries]
    missing[2]["parents"] = ["ab" * 32]
    missing[2] = rehash_entry(missing[2])
    write(out, "graph-parent-missing.pacta", with_journal(files, missing))
    cycle = [dict(e) for e in entries]
    cycle[1]["parents"] = cycle[1]["parents"] + [cycle[2]["hash"]]
    cycle[1] = rehash_entry(cycle[1])
    write(out, "graph-cycle.pacta", with_journal(files, cycle))
    twice = [dict(e) for e in entries]
    copy = dict(twice[-1]); copy["body"] = "Another text under the same id."
    copy["parents"] = [twice[-1]["hash"]]; copy["seq"] = len(twice) + 1
    twice.append(rehash_entry(copy))
    write(out, "graph-id-twice.pacta", with_journal(files, twice))
    other = [dict(e) for e in entries]
    other[-1]["case_id"] = "01937f6e-0000-7000-8000-00000000ffff"
    other[-1] = rehash_entry(other[-1])
    write(out, "graph-entry-of-another-case.pacta", with_journal(files, other))

    # Signatures: a forger who rewrites the manifest cannot sign it, so these
    # drop the exporter's signature (an unsigned dossier is allowed) and
    # must be caught by what the journal's own signatures say.
    def unsigned(files):
        manifest = json.loads(dict(files)["manifest.json"]); manifest.pop("signed_by", None)
        files = [(n, b) for n, b in files if n != "manifest.json.sig"]
        return replace(files, "manifest.json", json.dumps(manifest).encode())
    signed = [e for e in entries if e.get("signatures")]
    allowed = names["signatures/allowed_signers"].decode()
    mallory = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBw0Lb9Pt9pZ7Y3qVv1s9r0n9iWq3Z1j7Q0uU3bS4hXk"
    write(out, "signature-allowed-signers-edited.pacta", rehash(replace(unsigned(files), "signatures/allowed_signers",
          (allowed + f'"Mallory" namespaces="pacta-entry" {mallory}\n').encode())))
    other_bytes = [dict(e) for e in entries]
    other_bytes[2]["signatures"] = signed[1]["signatures"]  # another entry's signature
    write(out, "signature-over-other-bytes.pacta", with_journal(unsigned(files), other_bytes))
    # The manifest signed by an entry's signature: other bytes, other namespace.
    write(out, "signature-manifest-swapped.pacta",
          replace(files, "manifest.json.sig", signed[0]["signatures"][0]["signature"].encode()))

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
