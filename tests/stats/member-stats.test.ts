import { describe, expect, it } from 'vitest';
import { createGroup, gradedAttempt, inviteCode, join, person } from '../groups/fixtures.js';
import { createTestApp } from '../helpers/app.js';

/** The figures a page shows, without markup: "Current streak ... 1 day" style text. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a coach sees the progress of each member', () => {
  it('shows the same streaks, heatmap totals and retention as the member sees, only to the coaches of the group', async () => {
    const { app, db, clock } = createTestApp({ bank: { scripting: 6, algorithm: 6 } });
    const coach = await person(app, db, 'coach');
    const member = await person(app, db, 'member');
    const outsider = await person(app, db, 'outsider');
    const groupId = await createGroup(coach);
    await join(member, inviteCode(db, groupId));
    await gradedAttempt(member, clock, { outcome: 'solved' });
    clock.advance({ days: 1 });
    await gradedAttempt(member, clock, { outcome: 'failed', grade: '1' });

    const own = await member.agent.get('/stats');
    const coached = await coach.agent.get(`/groups/${groupId}/members/${member.id}/stats`);
    expect(coached.status).toBe(200);
    expect(coached.text).toContain('Progress of member');
    // Same figures (the wording says "their" instead of "your"): every number of the panel matches.
    const panelOf = (html: string) => text(html.slice(html.indexOf('Streaks'), html.lastIndexOf('</main>')));
    const figures = (html: string) => panelOf(html).match(/\d+(?:\.\d+)?%?/g);
    expect(figures(coached.text)?.length).toBeGreaterThan(50);
    expect(figures(coached.text)).toEqual(figures(own.text));
    expect(panelOf(coached.text)).toMatch(/Overall 2 days 2 days/);
    expect(panelOf(coached.text)).toContain('counted in their own days');
    // The coach's view offers no drill links or interview form: it is someone else's page.
    expect(coached.text).not.toContain('action="/stats/interview"');

    const member2 = await member.agent.get(`/groups/${groupId}/members/${member.id}/stats`);
    expect(member2.status).toBe(404);
    expect((await outsider.agent.get(`/groups/${groupId}/members/${member.id}/stats`)).status).toBe(404);
    await member.agent.post(`/groups/${groupId}/leave`).type('form').send({ _csrf: member.csrf }).expect(303);
    expect((await coach.agent.get(`/groups/${groupId}/members/${member.id}/stats`)).status).toBe(404);
  });
});
