import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { CardState, GRADE_NAMES, type GradeValue, STATE_NAMES } from '../scheduling/fsrs.js';
import { formatInZone, localDay } from '../shared/days.js';
import { formatDuration, OUTCOME_LABELS, TRACK_LABELS } from '../shared/format.js';
import { parseInput, trackSchema } from '../shared/validation.js';
import { shortDay } from '../stats/stats.panel.js';
import type { Catalog, CatalogQuestion } from './catalog.js';
import { DIFFICULTIES, QUESTION_ID } from './question.schema.js';
import { QuestionNotFoundError } from './questions.errors.js';
import type { QuestionsRepository } from './questions.repository.js';
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

export function createQuestionsRouter({
  catalog,
  questionsRepository,
}: {
  catalog: Catalog;
  questionsRepository: QuestionsRepository;
}) {
  const router = Router();
  router.use('/questions', requireUser);
  const facet = (pick: (q: CatalogQuestion) => unknown) =>
    [...new Set(catalog.active().flatMap((q) => (pick(q) as string[] | undefined) ?? []))].sort((a, b) =>
      a.localeCompare(b),
    );
  // The bank is fixed while the server runs: the search text is built once. A plain substring
  // scan of 349 prompts takes well under a millisecond (see tests/questions/browse.test.ts).
  const searchText = questionsRepository.searchTexts();
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
    const stats = new Map(questionsRepository.attemptStats(user.id).map((s) => [s.questionId, s]));
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
    if (!question) throw new QuestionNotFoundError();
    const user = currentUser(res);
    // Graded attempts always have an outcome, a duration, a grade and a submission time.
    const history = questionsRepository.history({ userId: user.id, questionId: id }).map((h) => ({
      ...h,
      outcome: h.outcome === null ? '' : OUTCOME_LABELS[h.outcome],
      time: `${formatDuration(h.durationSeconds ?? 0)} / ${formatDuration(h.budgetSeconds)}`,
      grade: GRADE_NAMES[h.finalGrade as GradeValue] ?? '',
      when: h.submittedAt === null ? '' : formatInZone(h.submittedAt, user.timeZone),
    }));
    const card = questionsRepository.card({ userId: user.id, questionId: id });
    res.render('questions/detail', {
      nav: 'questions',
      question,
      trackLabel: TRACK_LABELS[question.track],
      history,
      card: card
        ? {
            ...card,
            suspended: card.suspended,
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
