#!/usr/bin/env python3
"""Commit times of an FTS5 index like the store's (external content, detail=none) under many small commits.

usage: fts5_merge_stalls.py default|merge [pages]   (default: FTS5's own automerge; merge: automerge=0 and a
'merge' of `pages` pages in every commit, as the SQLite store does since schema version 4)
"""
import os
import random
import sqlite3
import sys
import tempfile
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "default"
pages = int(sys.argv[2]) if len(sys.argv) > 2 else 16
path = os.path.join(tempfile.mkdtemp(prefix="fts5-merge-"), "fts.db")
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = NORMAL")
db.execute("PRAGMA wal_autocheckpoint = 0")  # checkpoints would add their own spikes
db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)")
db.execute("CREATE VIRTUAL TABLE f USING fts5(a, b, content='t', content_rowid='id', tokenize='unicode61', detail='none', columnsize=0)")
if mode == "merge":
    db.execute("INSERT INTO f (f, rank) VALUES ('automerge', 0)")

words = ("alarm hydraulic pressure press night shift operator check restart safe accumulator nitrogen relief valve "
         "seat bar minutes lock out gearbox pump torque sensor calibration wizard maintenance menu line spec").split()
rnd = random.Random(1)
times = []
row = 0
for commit in range(6000):
    started = time.perf_counter()
    db.execute("BEGIN")
    for _ in range(50):
        row += 1
        a = " ".join(rnd.choice(words) for _ in range(25))
        b = " ".join(rnd.choice(words) for _ in range(35))
        db.execute("INSERT INTO t VALUES (?, ?, ?)", (row, a, b))
        db.execute("INSERT INTO f (rowid, a, b) VALUES (?, ?, ?)", (row, a, b))
    if mode == "merge":
        db.execute("INSERT INTO f (f, rank) VALUES ('merge', ?)", (pages,))
    db.execute("COMMIT")
    times.append((time.perf_counter() - started) * 1000)

s = sorted(times)
print(f"{mode} {pages if mode == 'merge' else ''}: p50 {s[len(s) // 2]:.2f} ms, p99 {s[int(len(s) * .99)]:.2f} ms, "
      f"p99.9 {s[int(len(s) * .999)]:.2f} ms, max {s[-1]:.2f} ms, total {sum(times):.0f} ms")
median = s[len(s) // 2]
print("commits over 10x the median:", [i + 1 for i, t in enumerate(times) if t > 10 * median][:16])
started = time.perf_counter()
for w in words[:10]:
    db.execute("SELECT count(*) FROM f WHERE f MATCH ?", (w,)).fetchone()
print(f"10 one-word queries: {(time.perf_counter() - started) * 1000:.1f} ms")
