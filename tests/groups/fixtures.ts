import type { Express } from 'express';
import type { Db } from '../../src/db/database.js';
import type { FixedClock } from '../../src/shared/clock.js';
import { attemptIdFrom, csrfFrom, signUp, startDrill } from '../helpers/app.js';

export type Agent = Awaited<ReturnType<typeof signUp>>['agent'];
export type Person = { agent: Agent; csrf: string; id: number; username: string };

export async function person(app: Express, db: Db, username: string): Promise<Person> {
  const { agent, csrf } = await signUp(app, username);
  const { id } = db.$client.prepare('select id from users where username = ?').get(username) as { id: number };
  return { agent, csrf, id, username };
}

/** One timed attempt, submitted and graded through HTTP; returns its id. */
export async function gradedAttempt(
  p: Person,
  clock: FixedClock,
  {
    track = 'scripting',
    outcome = 'solved',
    grade = '3',
    code = 'print(1)',
    notes = '',
    minutes = 5,
  }: {
    track?: 'scripting' | 'algorithm';
    outcome?: string;
    grade?: string;
    code?: string;
    notes?: string;
    minutes?: number;
  } = {},
): Promise<number> {
  const page = await startDrill(p.agent, track);
  if (page.status !== 200) throw new Error(`no question served: ${page.status} ${page.headers.location ?? ''}`);
  const id = attemptIdFrom(page.text);
  clock.advance({ minutes });
  const submit = await p.agent
    .post(`/attempts/${id}/submit`)
    .type('form')
    .send({ _csrf: p.csrf, code, notes, outcome });
  if (submit.status !== 303) throw new Error(`submit failed: ${submit.status}`);
  const graded = await p.agent.post(`/attempts/${id}/grade`).type('form').send({ _csrf: p.csrf, grade });
  if (graded.status !== 303) throw new Error(`grade failed: ${graded.status}`);
  return id;
}

export async function createGroup(coach: Person, name = 'Cohort 7'): Promise<number> {
  const res = await coach.agent.post('/groups').type('form').send({ _csrf: coach.csrf, name });
  if (res.status !== 303) throw new Error(`create group failed: ${res.status}`);
  return Number(/\/groups\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
}

export function inviteCode(db: Db, groupId: number): string {
  return (db.$client.prepare('select invite_code as c from groups where id = ?').get(groupId) as { c: string }).c;
}

export async function join(p: Person, code: string) {
  const page = await p.agent.get(`/join/${code}`);
  return p.agent
    .post(`/join/${code}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
}

/** A coach, a candidate called 'cand', and the coach's group the candidate has joined. */
export async function coachWithCandidate(app: Express, db: Db, groupName?: string) {
  const coach = await person(app, db, 'coach');
  const cand = await person(app, db, 'cand');
  const groupId = await createGroup(coach, groupName);
  const joined = await join(cand, inviteCode(db, groupId));
  if (joined.status !== 303) throw new Error(`join failed: ${joined.status}`);
  return { coach, cand, groupId };
}

/** The coach asks for a retry of a member's attempt, with a note. */
export async function askRetry(coach: Person, groupId: number, attemptId: number, note: string) {
  const res = await coach.agent
    .post(`/groups/${groupId}/attempts/${attemptId}/retry`)
    .type('form')
    .send({ _csrf: coach.csrf, note });
  if (res.status !== 303) throw new Error(`retry request failed: ${res.status}`);
}

/** Everything a request could change, to prove a refused one changed nothing. */
export function snapshot(db: Db): string {
  const tables = [
    'attempts',
    'cards',
    'drills',
    'feedback',
    'feedback_reads',
    'retry_requests',
    'groups',
    'group_members',
    'track_settings',
    'users',
  ];
  return JSON.stringify(tables.map((t) => db.$client.prepare(`select * from ${t} order by rowid`).all()));
}
