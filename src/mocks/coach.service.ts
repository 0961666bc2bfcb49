import { z } from 'zod';
import type { MockEventRow, MockFormat, MockRow, RubricScores } from '../db/schema.js';
import { MOCK_FORMATS, RUBRIC_KEYS } from '../db/schema.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { Catalog } from '../questions/catalog.js';
import type { Clock } from '../shared/clock.js';
import { createConflictError, createNotFoundError, createValidationError } from '../shared/errors.js';
import type { Track } from '../shared/validation.js';
import type { MockCoachRepository } from './coach.repository.js';
import type { LiveEvent, LiveHub, LiveStore } from './live.hub.js';
import type { MocksRepository } from './mocks.repository.js';
import { MOCK_FORMAT_INFO, type rubricSchema } from './mocks.service.js';

/** The tracks of a format's questions, in order. A scripting round may hold one or two. */
export const FORMAT_TRACKS: Record<MockFormat, { required: Track[]; optional: Track[] }> = {
  scripting: { required: ['scripting'], optional: ['scripting'] },
  algorithm: { required: ['algorithm', 'algorithm'], optional: [] },
  loop: { required: ['scripting', 'algorithm'], optional: [] },
};

export const INTERVIEWER_NOTE_MAX = 4000;

const questionId = z.string().trim().max(200, 'that is not a question id');

export const scheduleSchema = z.object({
  format: z.enum(MOCK_FORMATS, { message: 'pick a format: scripting, algorithm or loop' }),
  choice: z.enum(['scheduler', 'coach'], { message: 'pick who chooses the questions' }),
  q0: questionId.optional().default(''),
  q1: questionId.optional().default(''),
});
export type ScheduleInput = z.infer<typeof scheduleSchema>;

export const noteSchema = z.object({
  body: z
    .string({ message: 'write the note' })
    .trim()
    .min(1, 'write the note')
    .max(INTERVIEWER_NOTE_MAX, `a note can be at most ${INTERVIEWER_NOTE_MAX} characters`),
});

export type CoachRubricInput = z.infer<typeof rubricSchema>;

type User = { id: number; username: string };

/** Seconds on the mock's clock at `now` (0 before the start, the full length after the end). */
export function mockClockSeconds(mock: MockRow, now: number): number {
  if (mock.startedAt === null) return 0;
  const end = mock.finishedAt ?? now;
  return Math.max(0, Math.min(mock.durationSeconds, Math.floor((Math.min(end, now) - mock.startedAt) / 1000)));
}

/** What a viewer's page receives for one stored event. */
export function liveEventOf(mock: MockRow, row: MockEventRow): LiveEvent {
  return {
    id: row.id,
    kind: row.kind,
    data: {
      at: row.at,
      clockSeconds: mock.startedAt === null ? 0 : Math.max(0, Math.floor((row.at - mock.startedAt) / 1000)),
      position: row.position,
      detail: row.detail ?? {},
    },
  };
}

/** The hub's view of the database: events and drafts of a mock. */
export function createLiveStore({
  mocksRepository,
  coachRepository,
}: {
  mocksRepository: MocksRepository;
  coachRepository: MockCoachRepository;
}): LiveStore {
  return {
    lastEventId: (mockId) => coachRepository.lastEventId(mockId),
    eventsAfter: (mockId, afterId) => {
      const mock = mocksRepository.findMock(mockId);
      if (!mock) return [];
      return mocksRepository.eventsAfter({ mockId, afterId }).map((row) => liveEventOf(mock, row));
    },
    snapshots: (mockId) =>
      mocksRepository
        .mockAttempts(mockId)
        .flatMap((q) =>
          q.attempt
            ? [{ position: q.position, code: q.attempt.code, at: q.attempt.draftSavedAt ?? q.attempt.servedAt }]
            : [],
        ),
  };
}

/**
 * What the candidate's side tells the live view (the mock service's listener): stored events,
 * saved drafts and the end. The mock service calls these after its own writes, so a viewer never
 * sees what the database does not hold.
 */
export function createMockLive({ hub, mocksRepository }: { hub: LiveHub; mocksRepository: MocksRepository }) {
  return {
    event(row: MockEventRow) {
      // Most mocks have nobody watching: no lookup for them.
      if (!hub.watching(row.mockId)) return;
      const mock = mocksRepository.findMock(row.mockId);
      if (mock) hub.publish(mock.id, liveEventOf(mock, row));
    },
    draft({ mockId, position, code, at }: { mockId: number; position: number; code: string; at: number }) {
      hub.snapshot(mockId, { position, code, at });
    },
    ended(mockId: number) {
      const mock = mocksRepository.findMock(mockId);
      hub.end(mockId, { reason: mock?.finishReason ?? 'finished' });
    },
  };
}
export type MockLive = ReturnType<typeof createMockLive>;

export function createMockCoachService({
  mocksRepository,
  coachRepository,
  groupsService,
  catalog,
  clock,
  durationSecondsOf,
}: {
  mocksRepository: MocksRepository;
  coachRepository: MockCoachRepository;
  groupsService: GroupsService;
  catalog: Catalog;
  clock: Clock;
  /** The round's length for a format (minutes x MOCK_MINUTES_SCALE), as self-started mocks get. */
  durationSecondsOf: (format: MockFormat) => number;
}) {
  /**
   * The mock, if this user coaches a group the candidate is in now. Everyone else (the candidate
   * included: interviewer notes are private) gets the same 404 as for a mock that does not exist.
   */
  function requireWatcher({ user, mockId }: { user: User; mockId: number }) {
    const mock = mocksRepository.findMock(mockId);
    const groups = mock ? coachRepository.sharedGroups({ coachId: user.id, memberId: mock.userId }) : [];
    if (!mock || groups.length === 0) throw createNotFoundError('mock interview');
    return { mock, groups };
  }

  function requireStarted(mock: MockRow) {
    if (mock.startedAt === null)
      throw createConflictError(
        'This mock interview has not started yet: notes and the scorecard open when it starts.',
      );
  }

  const aTrack = (track: Track) => `${track === 'algorithm' ? 'an' : 'a'} ${track} question`;

  /** The questions a coach picked, checked against the format (track, order, no repeats). */
  function chosenQuestions(format: MockFormat, input: ScheduleInput): string[] {
    const { required, optional } = FORMAT_TRACKS[format];
    const picks = [input.q0, input.q1];
    const errors: string[] = [];
    const ids: string[] = [];
    [...required, ...optional].forEach((track, i) => {
      const id = picks[i] ?? '';
      if (id === '') {
        if (i < required.length) errors.push(`question ${i + 1}: pick ${aTrack(track)}`);
        return;
      }
      const q = catalog.get(id);
      if (!q || q.retired) errors.push(`question ${i + 1}: there is no question “${id}”`);
      else if (q.track !== track) errors.push(`question ${i + 1}: pick ${aTrack(track)} (“${q.title}” is ${q.track})`);
      else if (ids.includes(id)) errors.push(`question ${i + 1}: pick two different questions`);
      else ids.push(id);
    });
    const extra = picks.slice(required.length + optional.length).some((p) => p !== '');
    if (extra || (picks[1] !== '' && required.length + optional.length < 2))
      errors.push(`a ${format} round has ${required.length} question${required.length > 1 ? 's' : ''}`);
    if (errors.length > 0) throw createValidationError(errors);
    return ids;
  }

  return {
    requireWatcher,

    /** A member's mocks for the coach's page, and the bank to pick from. */
    memberMocks({ user, groupId, memberId }: { user: User; groupId: number; memberId: number }) {
      const { group, member } = groupsService.memberOf({
        user: { ...user, timeZone: 'UTC', dayStartHour: 4 },
        groupId,
        memberId,
      });
      const list = mocksRepository.listMocksOfUser(memberId);
      const cards = new Map(mocksRepository.scorecards(list.map((m) => m.id)).map((s) => [`${s.mockId}:${s.role}`, s]));
      return {
        group,
        member,
        mocks: list.map((mock) => ({
          mock,
          coachScorecard: cards.get(`${mock.id}:coach`) ?? null,
          questions: mocksRepository
            .mockQuestions(mock.id)
            .map((q) => ({ position: q.position, title: catalog.get(q.questionId)?.title ?? q.questionId })),
        })),
        bank: {
          scripting: catalog.active('scripting'),
          algorithm: catalog.active('algorithm'),
        },
      };
    },

    /**
     * A coach plans a mock for a member: it waits, scheduled, until the candidate starts it. With
     * "let the scheduler pick" the questions are chosen at the start, so they follow the
     * candidate's schedule on that day (and the 7-day rule holds then, not only now).
     */
    schedule({
      user,
      groupId,
      memberId,
      input,
    }: {
      user: User;
      groupId: number;
      memberId: number;
      input: ScheduleInput;
    }) {
      groupsService.memberOf({ user: { ...user, timeZone: 'UTC', dayStartHour: 4 }, groupId, memberId });
      const questionIds = input.choice === 'coach' ? chosenQuestions(input.format, input) : [];
      const mock = mocksRepository.createMock({
        userId: memberId,
        format: input.format,
        status: 'scheduled',
        scheduledBy: user.id,
        groupId,
        questionChoice: input.choice,
        durationSeconds: durationSecondsOf(input.format),
        createdAt: clock.now().getTime(),
        questionIds,
      });
      return { mock };
    },

    /** Everything the live view page shows when it loads; the stream adds what happens next. */
    liveView({ user, mockId }: { user: User; mockId: number }) {
      const { mock, groups } = requireWatcher({ user, mockId });
      const now = clock.now().getTime();
      const events = mocksRepository.eventsAfter({ mockId, afterId: 0 });
      const questions = mocksRepository.mockAttempts(mockId).map((q) => {
        const question = catalog.get(q.questionId);
        return {
          position: q.position,
          questionId: q.questionId,
          title: question?.title ?? q.questionId,
          track: question?.track ?? null,
          // The coach sees the questions once the candidate does, not before.
          code: mock.startedAt === null ? '' : (q.attempt?.code ?? ''),
          submitted: q.attempt?.submittedAt !== null && q.attempt?.submittedAt !== undefined,
        };
      });
      return {
        mock,
        groups,
        candidate: coachRepository.username(mock.userId) ?? '',
        questions,
        events: events.map((row) => liveEventOf(mock, row)),
        lastEventId: events.at(-1)?.id ?? 0,
        notes: mocksRepository.notes(mockId),
        scorecard: mocksRepository.scorecard({ mockId, role: 'coach' }) ?? null,
        clockSeconds: mockClockSeconds(mock, now),
        now,
      };
    },

    /** A private interviewer note, stamped with the mock's clock as it reads now. */
    addNote({ user, mockId, body }: { user: User; mockId: number; body: string }) {
      const { mock } = requireWatcher({ user, mockId });
      requireStarted(mock);
      const now = clock.now().getTime();
      const note = mocksRepository.addNote({
        mockId,
        authorId: user.id,
        atSeconds: mockClockSeconds(mock, now),
        body,
        createdAt: now,
      });
      return { note };
    },

    /**
     * The coach's rubric. One per mock: the first coach to write it owns it; it is frozen once
     * released, so the candidate never reads a scorecard that changes under them.
     */
    saveScorecard({ user, mockId, input }: { user: User; mockId: number; input: CoachRubricInput }) {
      const { mock } = requireWatcher({ user, mockId });
      requireStarted(mock);
      return mocksRepository.transaction(() => {
        const existing = mocksRepository.scorecard({ mockId, role: 'coach' });
        if (existing && existing.authorId !== user.id)
          throw createConflictError(
            `${coachRepository.username(existing.authorId) ?? 'Another coach'} has written this mock's interviewer scorecard; add your observations as notes.`,
          );
        if (existing?.releasedAt)
          throw createConflictError('This scorecard is released: the candidate has read it, so it no longer changes.');
        const scores = Object.fromEntries(RUBRIC_KEYS.map((k) => [k, input[k]])) as RubricScores;
        mocksRepository.saveScorecard({
          mockId,
          role: 'coach',
          authorId: user.id,
          scores,
          wouldAdvance: input.wouldAdvance === 'yes',
          summary: input.summary,
          updatedAt: clock.now().getTime(),
        });
      });
    },

    /** Shows the coach's scorecard to the candidate; only after the mock, and only once. */
    release({ user, mockId }: { user: User; mockId: number }) {
      const { mock } = requireWatcher({ user, mockId });
      return mocksRepository.transaction(() => {
        const card = mocksRepository.scorecard({ mockId, role: 'coach' });
        if (!card) throw createConflictError('Fill in and save the scorecard before releasing it.');
        if (card.authorId !== user.id)
          throw createConflictError(
            `Only ${coachRepository.username(card.authorId) ?? 'its author'} can release this scorecard.`,
          );
        if (mock.status !== 'finished')
          throw createConflictError(
            'Release the scorecard after the mock interview ends, so it judges the whole round.',
          );
        const now = clock.now().getTime();
        if (mocksRepository.releaseScorecard({ mockId, releasedAt: now }))
          mocksRepository.addEvent({ mockId, at: now, kind: 'released', detail: { by: user.username } });
      });
    },
  };
}

export type MockCoachService = ReturnType<typeof createMockCoachService>;

export const FORMAT_LABELS: Record<MockFormat, string> = {
  scripting: MOCK_FORMAT_INFO.scripting.label,
  algorithm: MOCK_FORMAT_INFO.algorithm.label,
  loop: MOCK_FORMAT_INFO.loop.label,
};

/** The candidate's events as words for the live view. */
export function describeEvent(kind: string, detail: Record<string, unknown>): string {
  const n = (k: string) => (typeof detail[k] === 'number' ? (detail[k] as number) : null);
  switch (kind) {
    case 'start':
      return 'Started the mock';
    case 'switch':
      return 'Switched question';
    case 'run': {
      const passed = n('passed');
      const total = n('total');
      return passed !== null && total !== null ? `Ran the examples: ${passed} of ${total} passed` : 'Ran the examples';
    }
    case 'submit': {
      const passed = n('passed');
      const total = n('total');
      return passed !== null && total !== null ? `Submitted: ${passed} of ${total} tests passed` : 'Submitted';
    }
    case 'timeout':
      return 'Time ran out: submitted as it stood';
    case 'finish':
      return 'Finished the mock';
    case 'note':
      return 'Updated their notes';
    case 'released':
      return 'Interviewer scorecard released';
    default:
      return kind;
  }
}
