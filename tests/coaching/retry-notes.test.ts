import path from 'node:path';
import ejs from 'ejs';
import { describe, expect, it } from 'vitest';
import { createAttemptQuery } from '../../src/attempts/attempt-query.js';
import { createCoachingRepository } from '../../src/coaching/coaching.repository.js';
import { createCoachingService } from '../../src/coaching/coaching.service.js';
import { createGroupsRepository } from '../../src/groups/groups.repository.js';
import { createGroupsService } from '../../src/groups/groups.service.js';
import { createCatalog } from '../../src/questions/catalog.js';
import { createQuestionsRepository } from '../../src/questions/questions.repository.js';
import { createSettingsRepository } from '../../src/settings/settings.repository.js';
import { askRetry, coachWithCandidate, gradedAttempt } from '../groups/fixtures.js';
import { createTestApp } from '../helpers/app.js';
import { REPO_DIR } from '../helpers/server-process.js';

const PARTIAL = path.join(REPO_DIR, 'views/coaching/_retry-note.ejs');

describe('retry notes', () => {
  it("show on the candidate's Today and through retryNoteFor until the retry is answered", async () => {
    const { app, db, clock } = createTestApp({ start: '2026-03-02T10:00:00Z' });
    const { coach, cand, groupId } = await coachWithCandidate(app, db);
    const attemptId = await gradedAttempt(cand, clock, { outcome: 'failed', grade: '1' });
    const { q: questionId } = db.$client
      .prepare('select question_id as q from attempts where id = ?')
      .get(attemptId) as {
      q: string;
    };
    const catalog = createCatalog(createQuestionsRepository({ db }).all());
    const groupsRepository = createGroupsRepository({ db });
    const coachingService = createCoachingService({
      coachingRepository: createCoachingRepository({ db }),
      groupsRepository,
      groupsService: createGroupsService({
        groupsRepository,
        settingsRepository: createSettingsRepository({ db }),
        catalog,
        clock,
      }),
      attemptQuery: createAttemptQuery({ db }),
      catalog,
      clock,
    });
    const title = catalog.get(questionId)?.title ?? '';
    expect(coachingService.retryNoteFor({ userId: cand.id, questionId })).toBeNull();

    clock.advance({ hours: 2 });
    await askRetry(coach, groupId, attemptId, 'Try it with a <dict> this time');

    const today = (await cand.agent.get('/today')).text;
    expect(today).toContain('Retries your coaches asked for');
    expect(today).toContain(
      `<strong>coach</strong> (Cohort 7) asked you to retry <em>${title}</em>: <q>Try it with a &lt;dict&gt; this time</q>`,
    );
    expect(today).toContain('href="/drills/scripting">it is due in your scripting drill</a>');

    const note = coachingService.retryNoteFor({ userId: cand.id, questionId });
    expect(note?.notes).toEqual([
      expect.objectContaining({ coach: 'coach', groupName: 'Cohort 7', note: 'Try it with a <dict> this time' }),
    ]);
    // Only that question, only that member.
    expect(coachingService.retryNoteFor({ userId: cand.id, questionId: 'script-99' })).toBeNull();
    expect(coachingService.retryNoteFor({ userId: coach.id, questionId })).toBeNull();

    // The partial the drill page includes.
    const html = await ejs.renderFile(PARTIAL, { retryNote: note });
    expect(html).toContain('Your coach asked you to retry this question.');
    expect(html).toContain('<strong>coach</strong> (Cohort 7): <q>Try it with a &lt;dict&gt; this time</q>');
    expect((await ejs.renderFile(PARTIAL, { retryNote: null })).trim()).toBe('');
    expect((await ejs.renderFile(PARTIAL, {})).trim()).toBe('');

    // Answering it (the retried question is served first: it is due now) ends the note.
    clock.advance({ minutes: 1 });
    const retried = await gradedAttempt(cand, clock, { outcome: 'solved', grade: '3' });
    expect(
      (db.$client.prepare('select question_id as q from attempts where id = ?').get(retried) as { q: string }).q,
    ).toBe(questionId);
    expect(coachingService.retryNoteFor({ userId: cand.id, questionId })).toBeNull();
    const after = (await cand.agent.get('/today')).text;
    expect(after).not.toContain('Retries your coaches asked for');
    // The request stays on record in the history.
    expect((await cand.agent.get('/history')).text).toContain('<strong>coach</strong> asked you to retry');
  });
});
