import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { Response, Test } from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { neutralise } from '../../src/export/csv.js';
import { ATTEMPT_COLUMNS, REVIEW_LOG_COLUMNS } from '../../src/export/export.service.js';
import { createGroup, gradedAttempt, inviteCode, join, person } from '../groups/fixtures.js';
import { createTestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

/** The raw bytes of a download: supertest would otherwise decode (and drop the BOM). */
const raw = (res: Response) => (res.body as Buffer).toString('utf8');
const binary = (req: Test) =>
  req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/** Parses with Python's csv module, as a spreadsheet-minded user's script would. */
function parseWithPython(text: string): string[][] {
  const file = path.join(tempDir('csv'), 'export.csv');
  fs.writeFileSync(file, text, 'utf8');
  const out = execFileSync(
    'python3',
    [
      '-c',
      'import csv,json,sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f: print(json.dumps(list(csv.reader(f))))',
      file,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as string[][];
}

const TRICKY_CODE = 'def f(a, b):\n    return "a, ""quoted"" b"\r\n# naïve café — 日本語 🚀';
const TRICKY_NOTES = '=HYPERLINK("http://evil.example","click")';

/** n copies of a graded attempt, written straight to the table: enough rows to see streaming. */
function cloneAttempt(db: Db, id: number, n: number) {
  db.$client.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${n})
    insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
      submitted_at, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before, state_after)
    select user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
      submitted_at, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before, state_after
    from attempts, n where id = ${id}`);
}

describe('CSV exports', () => {
  it('exports own attempts with a header, RFC 4180 quoting that Python and csv-parse read back, and neutralised formulas', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z' });
    const cand = await person(app, db, 'cand');
    const id = await gradedAttempt(cand, clock, {
      code: TRICKY_CODE,
      notes: TRICKY_NOTES,
      minutes: 30,
      outcome: 'partial',
      grade: '2',
    });
    clock.advance({ days: 1 });
    await gradedAttempt(cand, clock, { track: 'algorithm', code: '+cmd|calc', notes: '@SUM(A1)', minutes: 3 });
    // The drill form normalises line ends; a CR inside a cell must still survive the CSV itself.
    db.$client.prepare('update attempts set code = ? where id = ?').run(TRICKY_CODE, id);

    const res = await binary(cand.agent.get('/me/attempts.csv?include=code,notes'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="opsdrill-cand-attempts-2026-03-03.csv"');
    const text = raw(res);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);

    const viaNode = parse(text, { columns: false, bom: true }) as string[][];
    const viaPython = parseWithPython(text);
    expect(viaPython).toEqual(viaNode);
    const [header, ...rows] = viaPython;
    expect(header).toEqual([...ATTEMPT_COLUMNS, 'code', 'notes']);
    expect(rows).toHaveLength(2);
    const col = (row: string[] | undefined, name: string) => row?.[header!.indexOf(name)];
    // Newest first.
    const [second, first] = rows;
    expect(col(first, 'attempt_id')).toBe(String(id));
    expect(col(first, 'submitted_at')).toBe('2026-03-02T10:30:00.000Z');
    expect(col(first, 'local_date')).toBe('2026-03-02');
    expect(col(first, 'username')).toBe('cand');
    expect(col(first, 'track')).toBe('scripting');
    expect(col(first, 'title')).toMatch(/^Scripting task \d+$/);
    expect(col(first, 'topics')).toBe('logs');
    expect(col(first, 'outcome')).toBe('partial');
    // The runner is off here: no test results, empty cells (not 0 of 0).
    expect(col(first, 'cases_passed')).toBe('');
    expect(col(first, 'cases_total')).toBe('');
    expect(col(first, 'suggested_grade')).toBe('1');
    expect(col(first, 'final_grade')).toBe('2');
    expect(col(first, 'duration_seconds')).toBe('1800');
    expect(col(first, 'budget_seconds')).toBe('1500');
    expect(col(first, 'overtime')).toBe('true');
    expect(col(first, 'hints_used')).toBe('0');
    expect(col(first, 'has_feedback')).toBe('false');
    // Commas, doubled quotes, CRLF and LF inside a cell, and Unicode all survive.
    expect(col(first, 'code')).toBe(TRICKY_CODE);
    expect(col(first, 'notes')).toBe(`'${TRICKY_NOTES}`);
    expect(col(second, 'code')).toBe("'+cmd|calc");
    expect(col(second, 'notes')).toBe("'@SUM(A1)");
    expect(col(second, 'track')).toBe('algorithm');

    // Without include, no code or notes; with filters, only matching rows.
    const plain = parseWithPython(raw(await binary(cand.agent.get('/me/attempts.csv'))));
    expect(plain[0]).toEqual([...ATTEMPT_COLUMNS]);
    expect(plain.flat().join()).not.toContain('return');
    const filtered = parseWithPython(
      raw(await binary(cand.agent.get('/me/attempts.csv?track=algorithm&include=notes'))),
    );
    expect(filtered).toHaveLength(2);
    expect(filtered[0]?.at(-1)).toBe('notes');
    expect(filtered[1]?.[4]).toBe('algorithm');
  });

  it('adds a UTF-8 byte-order mark for Excel only when asked', async () => {
    const { app, db, clock } = createTestApp();
    const cand = await person(app, db, 'cand');
    await gradedAttempt(cand, clock, { notes: 'café' });
    const res = await binary(cand.agent.get('/me/attempts.csv?bom=1&include=notes'));
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseWithPython(raw(res));
    expect(rows[0]?.[0]).toBe('attempt_id');
    expect(rows[1]?.at(-1)).toBe('café');
  });

  it('refuses bad parameters with a 400 and a reason', async () => {
    const { app, db } = createTestApp();
    const cand = await person(app, db, 'cand');
    for (const qs of ['include=password', 'bom=yes', 'from=2026-13-01', 'grade=5', 'track=cooking']) {
      const res = await cand.agent.get(`/me/attempts.csv?${qs}`).set('accept', 'application/json');
      expect(res.status, qs).toBe(400);
      expect(JSON.stringify(res.body), qs).toMatch(/include|bom|date|grade|track/);
    }
  });

  it('exports the review log in the FSRS optimizer layout: one row per graded attempt, state before, ms', async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z' });
    const cand = await person(app, db, 'cand');
    const a1 = await gradedAttempt(cand, clock, { outcome: 'failed', grade: '1', minutes: 7 });
    // The failed card relearns 10 minutes later in the same drill.
    clock.advance({ minutes: 10 });
    const a2 = await gradedAttempt(cand, clock, { outcome: 'solved', grade: '3', minutes: 2 });
    const res = await binary(cand.agent.get('/me/review-log.csv'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="opsdrill-cand-review-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseWithPython(raw(res));
    expect(rows[0]).toEqual([...REVIEW_LOG_COLUMNS]);
    const attempts = db.$client
      .prepare(
        'select id, question_id as q, graded_at as g, final_grade as r, state_before as s, duration_seconds as d from attempts where id in (?, ?) order by graded_at',
      )
      .all(a1, a2) as { q: string; g: number; r: number; s: number; d: number }[];
    const cardId = (q: string) =>
      (
        db.$client.prepare('select id from cards where question_id = ? and user_id = ?').get(q, cand.id) as {
          id: number;
        }
      ).id;
    expect(rows.slice(1)).toEqual(
      attempts.map((a) => [
        String(cardId(a.q)),
        String(a.g),
        String(a.r),
        String(a.s),
        String(a.d * 1000),
        'true',
        'UTC',
        '4',
        'drill',
      ]),
    );
    expect(rows[1]?.[2]).toBe('1');
    expect(rows[1]?.[3]).toBe('0');
    expect(rows[1]?.[4]).toBe('420000');
  });

  it('exports a group for its coaches only: current members, filters, one member on request', async () => {
    const { app, db, clock } = createTestApp();
    const coach = await person(app, db, 'coach');
    const a = await person(app, db, 'anna');
    const b = await person(app, db, 'bert');
    const stranger = await person(app, db, 'stranger');
    const groupId = await createGroup(coach);
    await join(a, inviteCode(db, groupId));
    await join(b, inviteCode(db, groupId));
    await gradedAttempt(a, clock, { outcome: 'solved' });
    await gradedAttempt(b, clock, { outcome: 'failed', grade: '1' });
    await gradedAttempt(stranger, clock);

    const res = await binary(coach.agent.get(`/groups/${groupId}/attempts.csv`));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`filename="opsdrill-group-${groupId}-attempts-`));
    const users = parseWithPython(raw(res))
      .slice(1)
      .map((r) => r[3]);
    expect(users.sort()).toEqual(['anna', 'bert']);
    expect(
      parseWithPython(raw(await binary(coach.agent.get(`/groups/${groupId}/attempts.csv?outcome=failed`))))
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(['bert']);
    expect(
      parseWithPython(raw(await binary(coach.agent.get(`/groups/${groupId}/attempts.csv?member=${a.id}`))))
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(['anna']);
    // Someone who is not a member: said so (404), not an empty file that reads as "no attempts".
    const notMember = await coach.agent.get(`/groups/${groupId}/attempts.csv?member=${stranger.id}`);
    expect(notMember.status).toBe(404);
    expect(notMember.text).toContain('That member is not in this group');

    expect((await a.agent.get(`/groups/${groupId}/attempts.csv`)).status).toBe(404);
    expect((await stranger.agent.get(`/groups/${groupId}/attempts.csv`)).status).toBe(404);
    expect((await stranger.agent.get('/groups/999/attempts.csv')).status).toBe(404);
  });

  it('streams many rows without building them in memory first', async () => {
    const { app, db, clock } = createTestApp();
    const cand = await person(app, db, 'cand');
    const first = await gradedAttempt(cand, clock, { code: 'x = 1' });
    cloneAttempt(db, first, 20_000);
    const res = await binary(cand.agent.get('/me/attempts.csv?include=code'));
    expect(res.status).toBe(200);
    // Streamed: chunked, no Content-Length computed from a finished body.
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const rows = parse(raw(res)) as string[][];
    expect(rows).toHaveLength(20_002);
    expect(rows.at(-1)?.[0]).toBe(String(first));
  });

  it('writes submitted_at exactly as JavaScript would, to the millisecond, falling back to when it was served', async () => {
    const { app, db, clock } = createTestApp();
    const cand = await person(app, db, 'cand');
    const first = await gradedAttempt(cand, clock);
    const instants = [1772454600999, 1772454600001, 1772454659999, 946684799999, 4102444799999, 1772454600500];
    const copy =
      db.$client.prepare(`insert into attempts (user_id, question_id, track, drill_id, served_at, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
        submitted_at, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before, state_after)
      select user_id, question_id, track, drill_id, ?, deadline_at, budget_seconds, code, notes, hints_used, hint_revealed_at,
        ?, duration_seconds, overtime, outcome, suggested_grade, final_grade, graded_at, local_day, state_before, state_after from attempts where id = ?`);
    const expected = new Map<string, string>();
    for (const ms of instants) expected.set(String(copy.run(0, ms, first).lastInsertRowid), new Date(ms).toISOString());
    // No submission time (not reachable through the forms): the serving time stands in.
    expected.set(String(copy.run(1772454600123, null, first).lastInsertRowid), '2026-03-02T12:30:00.123Z');
    const rows = parseWithPython(raw(await binary(cand.agent.get('/me/attempts.csv'))));
    const got = new Map(rows.slice(1).map((r) => [r[0]!, r[1]!]));
    for (const [id, iso] of expected) expect(got.get(id), id).toBe(iso);
  });

  it('stops reading the database when the client goes away mid-download', async () => {
    const { app, db, clock } = createTestApp();
    const cand = await person(app, db, 'cand');
    const first = await gradedAttempt(cand, clock, { code: 'x'.repeat(1000) });
    cloneAttempt(db, first, 20_000);
    // In tests the export reads through the app's own connection, which refuses writes while a read is open.
    const canWrite = () => {
      try {
        db.$client.prepare(`update users set time_zone = 'UTC' where id = ?`).run(cand.id);
        return true;
      } catch {
        return false;
      }
    };
    let writableMidDownload: boolean | undefined;
    const res = await cand.agent
      .get('/me/attempts.csv?include=code')
      .buffer(true)
      .parse((stream, cb) => {
        stream.once('data', (chunk: Buffer) => {
          writableMidDownload = canWrite();
          // The client hangs up after the first chunk of a ~20 MB file (the stream is Node's IncomingMessage).
          if (stream instanceof Readable) stream.destroy();
          cb(null, chunk.length);
        });
      });
    expect(res.status).toBe(200);
    expect(writableMidDownload).toBe(false);
    await expect.poll(canWrite, { timeout: 5000 }).toBe(true);
  });
});

describe('formula neutralisation', () => {
  it('prefixes text that a spreadsheet would run, and nothing else', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx', '\nx', ' =1', '\u00a0=1', '\u3000x', '＝1', '＠A1'])
      expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['plain', '1-2', 'a=b', 'a =1', '']) expect(neutralise(s)).toBe(s);
  });
});
