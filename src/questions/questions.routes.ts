import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import type { Db } from '../db/database.js';
import { CardState, GRADE_NAMES, type GradeValue, STATE_NAMES } from '../scheduling/fsrs.js';
import { formatInZone, localDay } from '../shared/days.js';
import { createNotFoundError } from '../shared/errors.js';
import { formatDuration, OUTCOME_LABELS, TRACK_LABELS } from '../shared/format.js';
import { parseInput, trackSchema } from '../shared/validation.js';
import { shortDay } from '../stats/stats.panel.js';
import type { Catalog, CatalogQuestion } from './catalog.js';
import { DIFFICULTIES, QUESTION_ID } from './question.schema.js';
import { createQuestionsRepository } from './questions.repository.js';
import { topicFacet, topicKey, topicLabels } from './topics.js';

const savedCardSchema = z.enum(['suspended', 'unsuspended']).optional().catch(undefined);

const text = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));
const browseQuery = z.object({
  track: z
    .union([trackSchema, z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  difficulty: z
    .union([z.enum(DIFFICULTIES), z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  topic: text,
  company: text,
  list: text,
  q: text,
});

export function createQuestionsRouter({ catalog, db }: { catalog: Catalog; db: Db }) {
  const router = Router();
  router.use('/questions', requireUser);
  const statsStmt = db.$client.prepare(
    `select question_id as questionId, count(*) as attempts, max(submitted_at) as last,
            sum(case when outcome = 'solved' then 1 else 0 end) as solved
       from attempts where user_id = ? and graded_at is not null group by question_id`,
  );
  const cardStmt = db.$client.prepare(
    'select due, state, reps, lapses, suspended from cards where user_id = ? and question_id = ?',
  );
  const historyStmt = db.$client.prepare(
    `select id, outcome, duration_seconds as durationSeconds, budget_seconds as budgetSeconds, hints_used as hintsUsed,
            final_grade as finalGrade, submitted_at as submittedAt
       from attempts where user_id = ? and question_id = ? and graded_at is not null order by id desc limit 50`,
  );
  const facet = (pick: (q: CatalogQuestion) => unknown) =>
    [...new Set(catalog.active().flatMap((q) => (pick(q) as string[] | undefined) ?? []))].sort((a, b) =>
      a.localeCompare(b),
    );
  // The bank is fixed while the server runs: the search text is built once. A plain substring
  // scan of 349 prompts takes well under a millisecond (see tests/questions/browse.test.ts).
  const searchText = createQuestionsRepository({ db }).searchTexts();
  const labels = topicLabels(catalog.all().flatMap((q) => q.topics));
  const label = (topic: string) => labels.get(topicKey(topic)) ?? topic;
  const facets = {
    topics: topicFacet(catalog.active().flatMap((q) => q.topics)),
    companies: facet((q) => q.meta.companies),
    lists: facet((q) => q.meta.lists),
  };

  router.get('/questions', (req, res) => {
    const f = parseInput(browseQuery, req.query);
    const user = currentUser(res);
    const stats = new Map(
      (statsStmt.all(user.id) as { questionId: string; attempts: number; last: number; solved: number }[]).map((s) => [
        s.questionId,
        s,
      ]),
    );
    const needle = f.q?.toLowerCase();
    const topic = f.topic ? topicKey(f.topic) : undefined;
    const rows = catalog
      .active()
      .filter(
        (q) =>
          (!f.track || q.track === f.track) &&
          (!f.difficulty || q.difficulty === f.difficulty) &&
          (!topic || q.topics.some((t) => topicKey(t) === topic)) &&
          (!f.company || ((q.meta.companies as string[] | undefined) ?? []).includes(f.company)) &&
          (!f.list || ((q.meta.lists as string[] | undefined) ?? []).includes(f.list)) &&
          (!needle || (searchText.get(q.id) ?? q.title.toLowerCase()).includes(needle)),
      )
      .sort((a, b) => a.track.localeCompare(b.track) || a.priority - b.priority || a.id.localeCompare(b.id))
      .map((q) => {
        const s = stats.get(q.id);
        return {
          id: q.id,
          track: q.track,
          title: q.title,
          difficulty: q.difficulty,
          topics: [...new Set(q.topics.map(label))],
          companies: (q.meta.companies as string[] | undefined) ?? [],
          attempts: s?.attempts ?? 0,
          solved: s?.solved ?? 0,
          last: s?.last ? formatInZone(s.last, user.timeZone, false) : '',
        };
      });
    res.render('questions/browse', {
      nav: 'questions',
      f,
      topicKey: topic,
      rows,
      facets,
      total: catalog.active().length,
      difficulties: DIFFICULTIES,
    });
  });

  router.get('/questions/:id', (req, res) => {
    const { id } = parseInput(z.object({ id: z.string().regex(QUESTION_ID, 'not a question id') }), req.params);
    const question = catalog.get(id);
    if (!question) throw createNotFoundError('question');
    const user = currentUser(res);
    const history = (
      historyStmt.all(user.id, id) as {
        id: number;
        outcome: keyof typeof OUTCOME_LABELS;
        durationSeconds: number;
        budgetSeconds: number;
        hintsUsed: number;
        finalGrade: GradeValue;
        submittedAt: number;
      }[]
    ).map((h) => ({
      ...h,
      outcome: OUTCOME_LABELS[h.outcome],
      time: `${formatDuration(h.durationSeconds)} / ${formatDuration(h.budgetSeconds)}`,
      grade: GRADE_NAMES[h.finalGrade],
      when: formatInZone(h.submittedAt, user.timeZone),
    }));
    const card = cardStmt.get(user.id, id) as
      | { due: number; state: number; reps: number; lapses: number; suspended: number }
      | undefined;
    res.render('questions/detail', {
      nav: 'questions',
      question,
      trackLabel: TRACK_LABELS[question.track],
      history,
      card: card
        ? {
            ...card,
            suspended: card.suspended === 1,
            stateName: STATE_NAMES[card.state],
            // A review is due for a whole day; a learning step at a time.
            dueLabel:
              card.state === CardState.Review
                ? shortDay(localDay(new Date(card.due), user))
                : formatInZone(card.due, user.timeZone),
          }
        : null,
      // The approach and reference solution stay hidden until the candidate has tried it once.
      attempted: history.length > 0,
      saved: savedCardSchema.parse(req.query.saved),
    });
  });

  return router;
}
