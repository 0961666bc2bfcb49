import { z } from 'zod';
import type { AttemptFilter, AttemptQuery } from '../attempts/attempt-query.js';
import type { AttemptRow } from '../db/schema.js';
import type { GroupRow, GroupsRepository } from '../groups/groups.repository.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { Catalog } from '../questions/catalog.js';
import type { Clock } from '../shared/clock.js';
import { createConflictError, createNotFoundError } from '../shared/errors.js';
import { renderMarkdown } from '../shared/markdown.js';
import type { CoachingRepository } from './coaching.repository.js';
import { highlightPython } from './highlight.js';

export const HISTORY_PAGE_SIZE = 50;
export const MAX_FEEDBACK_LENGTH = 5000;

export const feedbackSchema = z.object({
  body: z
    .string({ message: 'write something first' })
    .trim()
    .min(1, 'write something first')
    .max(MAX_FEEDBACK_LENGTH, `feedback can be at most ${MAX_FEEDBACK_LENGTH} characters`),
});
export const retrySchema = z.object({
  note: z.string().trim().max(500, 'the note can be at most 500 characters').default(''),
});

type User = { id: number };

export function createCoachingService({
  coachingRepository,
  groupsRepository,
  groupsService,
  attemptQuery,
  catalog,
  clock,
}: {
  coachingRepository: CoachingRepository;
  groupsRepository: GroupsRepository;
  groupsService: GroupsService;
  attemptQuery: AttemptQuery;
  catalog: Catalog;
  clock: Clock;
}) {
  const thread = (attemptId: number) =>
    coachingRepository.thread(attemptId).map((f) => ({ ...f, html: renderMarkdown(f.body) }));

  /** A graded attempt of a current member of a group the user coaches; anything else is a 404. */
  function coachedAttempt({
    user,
    groupId,
    attemptId,
  }: {
    user: User;
    groupId: number;
    attemptId: number;
  }): AttemptRow & { group: GroupRow } {
    const { group } = groupsService.requireRole({ user, groupId, roles: ['coach'] });
    const attempt = coachingRepository.findAttempt(attemptId);
    if (
      !attempt ||
      attempt.gradedAt === null ||
      groupsRepository.activeRole({ groupId, userId: attempt.userId }) !== 'member'
    )
      throw createNotFoundError('attempt');
    return { ...attempt, group };
  }

  function ownAttempt({ user, attemptId }: { user: User; attemptId: number }): AttemptRow {
    const attempt = coachingRepository.findAttempt(attemptId);
    if (!attempt || attempt.userId !== user.id) throw createNotFoundError('attempt');
    return attempt;
  }

  function history({ scope, filter }: { scope: { userId: number }; filter: AttemptFilter }) {
    return {
      ...attemptQuery.page({ scope, filter, pageSize: HISTORY_PAGE_SIZE }),
      totals: attemptQuery.totals({ scope, filter }),
    };
  }

  return {
    memberHistory({
      user,
      groupId,
      memberId,
      filter,
    }: {
      user: User;
      groupId: number;
      memberId: number;
      filter: AttemptFilter;
    }) {
      const { group } = groupsService.requireCoachOfMember({ user, groupId, memberId });
      const member = groupsRepository.activeMembers(groupId).find((m) => m.userId === memberId);
      if (!member) throw createNotFoundError('member');
      return {
        group,
        member,
        ...history({ scope: { userId: memberId }, filter }),
        retries: coachingRepository.retriesFor({ memberId, groupId }),
      };
    },

    attemptForCoach({ user, groupId, attemptId }: { user: User; groupId: number; attemptId: number }) {
      const { group, ...attempt } = coachedAttempt({ user, groupId, attemptId });
      const member = groupsRepository.activeMembers(groupId).find((m) => m.userId === attempt.userId);
      return {
        group,
        member,
        attempt,
        question: catalog.get(attempt.questionId),
        codeHtml: highlightPython(attempt.code),
        thread: thread(attempt.id),
        retries: coachingRepository
          .retriesFor({ memberId: attempt.userId, groupId })
          .filter((r) => r.questionId === attempt.questionId),
      };
    },

    addCoachFeedback({
      user,
      groupId,
      attemptId,
      body,
    }: {
      user: User;
      groupId: number;
      attemptId: number;
      body: string;
    }) {
      return coachingRepository.transaction(() => {
        const attempt = coachedAttempt({ user, groupId, attemptId });
        const now = clock.now().getTime();
        coachingRepository.addFeedback({ attemptId: attempt.id, authorId: user.id, body, now });
        // The author has read their own words; the candidate has not.
        coachingRepository.markRead({ userId: user.id, attemptId: attempt.id, now });
      });
    },

    /** The thread under the candidate's own attempt; opening it marks the feedback read. */
    ownThread({ user, attemptId }: { user: User; attemptId: number }) {
      const attempt = ownAttempt({ user, attemptId });
      const items = thread(attempt.id);
      const unread = coachingRepository.unreadFor(user.id).find((u) => u.attemptId === attempt.id)?.count ?? 0;
      if (items.length > 0)
        coachingRepository.markRead({ userId: user.id, attemptId: attempt.id, now: clock.now().getTime() });
      return { thread: items, unread };
    },

    addReply({ user, attemptId, body }: { user: User; attemptId: number; body: string }) {
      return coachingRepository.transaction(() => {
        const attempt = ownAttempt({ user, attemptId });
        if (attempt.gradedAt === null) throw createConflictError('Finish and grade this attempt before discussing it.');
        const now = clock.now().getTime();
        coachingRepository.addFeedback({ attemptId, authorId: user.id, body, now });
        coachingRepository.markRead({ userId: user.id, attemptId, now });
        return { attempt };
      });
    },

    ownRetries({ user }: { user: User }) {
      return coachingRepository
        .retriesFor({ memberId: user.id })
        .map((r) => ({ ...r, title: catalog.get(r.questionId)?.title ?? r.questionId }));
    },

    unread({ user }: { user: User }) {
      return coachingRepository
        .unreadFor(user.id)
        .map((u) => ({ ...u, title: catalog.get(u.questionId)?.title ?? u.questionId }));
    },

    /** The card comes due now, in its own track's queue, and the request is kept as the coach's action. */
    requestRetry({ user, groupId, attemptId, note }: { user: User; groupId: number; attemptId: number; note: string }) {
      return coachingRepository.transaction(() => {
        const { userId: memberId, questionId } = coachedAttempt({ user, groupId, attemptId });
        const card = coachingRepository.findCard({ userId: memberId, questionId });
        if (!card) throw createNotFoundError("question in this member's history");
        const question = catalog.get(questionId);
        if (!question || question.retired)
          throw createConflictError('That question has been retired from the bank; it cannot come back.');
        const now = clock.now().getTime();
        if (card.due > now) coachingRepository.makeDue({ cardId: card.id, now });
        coachingRepository.addRetry({ groupId, coachId: user.id, memberId, questionId, note, now });
        return { question };
      });
    },
  };
}
export type CoachingService = ReturnType<typeof createCoachingService>;
