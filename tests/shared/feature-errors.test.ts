import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { UsernameTakenError } from '../../src/accounts/accounts.errors.js';
import { ThreadFullError } from '../../src/coaching/coaching.errors.js';
import { isUniqueViolation } from '../../src/db/errors.js';
import { users } from '../../src/db/schema.js';
import { ExportMemberNotFoundError } from '../../src/export/export.errors.js';
import { toAppError } from '../../src/shared/error-middleware.js';
import { AppError, NotFoundError, ValidationError } from '../../src/shared/errors.js';
import { createGroup, inviteCode, join, person, snapshot } from '../groups/fixtures.js';
import { createTestApp, csrfFrom, rowCount } from '../helpers/app.js';

// Typed errors per feature, told apart by class and mapped to a 4xx page by the one error middleware.

describe('typed feature errors', () => {
  it('are AppErrors of their kind, so the middleware maps them and routes tell them apart by class', () => {
    const taken = new UsernameTakenError();
    expect(taken).toBeInstanceOf(ValidationError);
    expect(toAppError(taken)).toBe(taken);
    expect(taken.statusCode).toBe(400);
    const member = new ExportMemberNotFoundError();
    expect(member).toBeInstanceOf(NotFoundError);
    expect(member.statusCode).toBe(404);
    const full = new ThreadFullError({ limit: 200 });
    expect(full).toBeInstanceOf(AppError);
    expect(full).not.toBeInstanceOf(NotFoundError);
    expect([full.statusCode, full.code]).toEqual([409, 'feedback.thread_full']);
  });

  it("tells a unique-index violation from other failures, through drizzle's wrapping", () => {
    const { db } = createTestApp();
    const row = { username: 'same', passwordHash: 'x', timeZone: 'UTC', createdAt: 0 };
    db.insert(users).values(row).run();
    let caught: unknown;
    try {
      db.insert(users).values(row).run();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(isUniqueViolation(caught)).toBe(true);
    expect(isUniqueViolation(new Error('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(false);
  });

  it('answers two sign-ups racing for one name with one account and a 400 form that says the name is taken', async () => {
    const { app, db } = createTestApp();
    const signUpAs = async () => {
      const agent = request.agent(app);
      const page = await agent.get('/register');
      return { agent, csrf: csrfFrom(page.text) };
    };
    const [a, b] = await Promise.all([signUpAs(), signUpAs()]);
    // Both pass the "is it taken?" check before either writes (hashing yields), so the unique
    // index decides the second.
    const results = await Promise.all(
      [a, b].map(({ agent, csrf }) =>
        agent.post('/register').type('form').send({ username: 'twin', password: 'correct horse battery', _csrf: csrf }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([303, 400]);
    const refused = results.find((r) => r.status === 400)!;
    expect(refused.text).toContain('That username is taken');
    expect(refused.text).toContain('value="twin"');
    expect(refused.text).not.toMatch(/SQLITE|at .*\.ts:\d+/);
    expect(rowCount(db, 'users')).toBe(1);
  });

  it('refuses a group export for someone who is not a member with a 404 page that says so, and changes nothing', async () => {
    const { app, db } = createTestApp();
    const coach = await person(app, db, 'coach');
    const member = await person(app, db, 'member');
    const stranger = await person(app, db, 'stranger');
    const groupId = await createGroup(coach);
    await join(member, inviteCode(db, groupId));
    const before = snapshot(db);

    const page = await coach.agent.get(`/groups/${groupId}/attempts.csv?member=${stranger.id}`);
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('That member is not in this group');
    const json = await coach.agent
      .get(`/groups/${groupId}/attempts.csv?member=${stranger.id}`)
      .set('accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body.error.code).toBe('export.member_not_found');
    // A current member still exports.
    expect((await coach.agent.get(`/groups/${groupId}/attempts.csv?member=${member.id}`)).status).toBe(200);
    // A bad option is a 400 naming the parameter.
    const bad = await coach.agent.get(`/groups/${groupId}/attempts.csv?grade=9`).set('accept', 'application/json');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('export.bad_query');
    expect(JSON.stringify(bad.body.error.details)).toContain('grade');
    expect(snapshot(db)).toBe(before);
  });
});
