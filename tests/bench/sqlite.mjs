// SQLite (node:sqlite, Node ≥ 22) evaluating the criteria of ../shared/bench/criteria/filters.json
// as WHERE clauses over the events of events.py (the same ones the native criteria bench uses):
// µs per evaluation with one statement per event (as the bench README measured), and ns per row
// of one scan. SQL's NULL semantics differ from CESQL's: a speed reference only. JSON lines.
import { DatabaseSync } from 'node:sqlite';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, measure, emit } from './lib.mjs';

const dir = join(SHARED, 'bench', 'criteria');
const spec = JSON.parse(readFileSync(join(dir, 'filters.json'), 'utf8'));
const events = JSON.parse(execFileSync('python3', ['events.py', '1000'], { cwd: dir, encoding: 'utf8' }));
const cols = spec.attributes;

const db = new DatabaseSync(':memory:');
db.exec(`CREATE TABLE events (${cols.map((c) => `"${c}" TEXT`).join(', ')})`);
const insert = db.prepare(`INSERT INTO events VALUES (${cols.map(() => '?').join(', ')})`);
for (const e of events) insert.run(...cols.map((c) => e[c] ?? null));

spec.filters.forEach((filter, i) => {
  const one = db.prepare(`SELECT 1 AS m FROM events WHERE rowid = ? AND (${filter})`);
  const scan = db.prepare(`SELECT count(*) AS n FROM events WHERE ${filter}`);
  const matched = scan.get().n;
  const usPerEval = measure(() => { for (let r = 1; r <= events.length; r++) one.get(r); }, { batches: 3 }) / events.length;
  const nsPerRow = (measure(() => scan.get(), { batches: 3 }) * 1000) / events.length;
  emit({ suite: 'sqlite', name: `criteria-${i}`, usPerEval, nsPerRow, matched, events: events.length });
});
emit({ suite: 'env', name: 'sqlite', value: db.prepare('select sqlite_version() as v').get().v });
