import { describe, expect, it } from 'vitest';
import { createTestApp, saveTrackSettings } from '../helpers/app.js';
import { createGroup, gradedAttempt, inviteCode, join, type Person, person } from './fixtures.js';

/** The member's streak in the coach's group table. */
function groupPageStreak(html: string, username: string): number {
  const row = html.split('<tr').find((r) => r.includes(`>${username}</a>`));
  const cells = row?.match(/<td>([^<]*)<\/td>/g) ?? [];
  // Columns: last drill day, streak, ...
  const streak = /(\d+) days?/.exec(cells[1] ?? '');
  if (!streak) throw new Error(`no streak for ${username} on the group page`);
  return Number(streak[1]);
}

/** The "Overall" current streak on a stats page (the member's own or the coach's view of it). */
function statsPageStreak(html: string): number {
  const m = /<th scope="row">Overall<\/th>\s*<td><strong>(\d+)<\/strong>/.exec(html);
  if (!m) throw new Error('no overall streak on the stats page');
  return Number(m[1]);
}

async function weekdaysOnly(p: Person) {
  for (const track of ['scripting', 'algorithm'] as const) {
    await saveTrackSettings(p.agent, track, { drillDays: ['1', '2', '3', '4', '5'], dailyMinutes: '600' });
  }
}

describe('one streak for a member, whoever looks', () => {
  it("gives the coach's group page and the member's stats page the same number across a weekend gap", async () => {
    // Thursday 5 March 2026.
    const { app, db, clock } = createTestApp({ start: '2026-03-05T10:00:00Z', bank: { scripting: 6 } });
    const coach = await person(app, db, 'coach');
    const member = await person(app, db, 'member');
    const groupId = await createGroup(coach);
    await join(member, inviteCode(db, groupId));
    await weekdaysOnly(member);

    // Thursday and Friday, nothing on Saturday or Sunday (not drill days), then Monday.
    await gradedAttempt(member, clock);
    clock.advance({ days: 1 });
    await gradedAttempt(member, clock);
    clock.advance({ days: 3 });
    await gradedAttempt(member, clock);

    const group = await coach.agent.get(`/groups/${groupId}`);
    expect(group.status).toBe(200);
    const own = await member.agent.get('/stats');
    expect(own.status).toBe(200);
    const coachView = await coach.agent.get(`/groups/${groupId}/members/${member.id}/stats`);
    expect(coachView.status).toBe(200);

    // The weekend is not a drill day: it neither breaks nor extends the streak (3 days).
    expect(statsPageStreak(own.text)).toBe(3);
    expect(statsPageStreak(coachView.text)).toBe(3);
    expect(groupPageStreak(group.text, 'member')).toBe(3);

    // A missed drill day (Tuesday, over by Wednesday) breaks it on both pages alike.
    clock.advance({ days: 2 });
    const groupLater = await coach.agent.get(`/groups/${groupId}`);
    const ownLater = await member.agent.get('/stats');
    expect(statsPageStreak(ownLater.text)).toBe(0);
    expect(groupPageStreak(groupLater.text, 'member')).toBe(0);
  });
});
