import { z } from 'zod';
import type { AttemptFilter, AttemptQuery } from '../attempts/attempt-query.js';
import type { AttemptRow } from '../db/schema.js';
import { GroupMemberNotFoundError, GroupNotFoundError } from '../groups/groups.errors.js';
import type { GroupRow, GroupsRepository } from '../groups/groups.repository.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { Catalog } from '../questions/catalog.js';
import type { Clock } from '../shared/clock.js';
import { renderMarkdown } from '../shared/markdown.js';
import {
  AttemptNotGradedError,
  CoachedAttemptNotFoundError,
  FeedbackRateLimitedError,
  RetiredQuestionError,
  RetryQuestionNotFoundError,
  ThreadFullError,
  ThreadNotFoundError,
} from './coaching.errors.js';
import type { CoachingRepository, FeedbackItem } from './coaching.repository.js';
import { highlightPython } from './highlight.js';

export const HISTORY_PAGE_SIZE = 50;
export const MAX_FEEDBACK_LENGTH = 5000;
/** Messages shown per thread page (oldest first within a page; the newest page opens first). */
export const THREAD_PAGE_SIZE = 50;
/** A thread (one attempt, one group) holds at most this many messages. */
export const MAX_THREAD_MESSAGES = 200;
/** Messages one person may write per rolling hour, across every thread. */
export const MAX_MESSAGES_PER_HOUR = 30;
export const INBOX_PAGE_SIZE = 50;
/** The inbox lists attempts graded in this many recent days; older ones stay in member history. */
export const INBOX_WINDOW_DAYS = 30;

const HOUR_MS = 3_600_000;
const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const feedbackSchema = z.object({
  body: z
    .string({ message: 'write something first' })
    .trim()
    .min(1, 'write something first')
    .max(MAX_FEEDBACK_LENGTH, `feedback can be at most ${MAX_FEEDBACK_LENGTH} characters`),
});
export const replySchema = feedbackSchema.extend({
  group: positiveId.optional().catch(undefined),
});
export const retrySchema = z.object({
  note: z.string().trim().max(500, 'the note can be at most 500 characters').default(''),
});

type User = { id: number };
export type ThreadPage = { items: FeedbackItem[]; page: number; pages: number; total: number };

const COACH_CACHE_MS = 30_000;
const COACH_CACHE_SIZE = 10_000;

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
  const titleOf = (questionId: string) => catalog.get(questionId)?.title ?? questionId;

  // Every page asks (the nav's "Coach" link): kept per user until a membership of theirs changes,
  // and for COACH_CACHE_MS at most, so a change made outside this service shows within that.
  const coachCache = new Map<number, { coaches: boolean; at: number }>();
  groupsService.onMembershipChange((userId) => coachCache.delete(userId));

  /**
   * One page of a thread. Markdown was rendered when each message was written; only rows from
   * before the body_html column are rendered here, once, and stored.
   */
  function threadPage({
    attemptId,
    groupId,
    page,
  }: {
    attemptId: number;
    groupId: number | null;
    page?: number;
  }): ThreadPage {
    const total = coachingRepository.threadCount({ attemptId, groupId });
    const pages = Math.max(1, Math.ceil(total / THREAD_PAGE_SIZE));
    const current = Math.min(Math.max(page ?? pages, 1), pages);
    const items = coachingRepository
      .threadPage({ attemptId, groupId, limit: THREAD_PAGE_SIZE, offset: (current - 1) * THREAD_PAGE_SIZE })
      .map((f) => {
        if (f.bodyHtml !== null) return f;
        const bodyHtml = renderMarkdown(f.body);
        coachingRepository.storeHtml({ id: f.id, html: bodyHtml });
        return { ...f, bodyHtml };
      });
    return { items, page: current, pages, total };
  }

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
      throw new CoachedAttemptNotFoundError();
    return { ...attempt, group };
  }

  function ownAttempt({ user, attemptId }: { user: User; attemptId: number }): AttemptRow {
    const attempt = coachingRepository.findAttempt(attemptId);
    if (!attempt || attempt.userId !== user.id) throw new CoachedAttemptNotFoundError();
    return attempt;
  }

  /**
   * Refuses a message that would pass a cap, before anything is written: one account must not
   * be able to fill a thread or the server's time with replies.
   */
  function checkCaps({
    authorId,
    attemptId,
    groupId,
    now,
  }: Record<'authorId' | 'attemptId' | 'groupId' | 'now', number>) {
    const recent = coachingRepository.authoredSince({ authorId, since: now - HOUR_MS });
    if (recent.n >= MAX_MESSAGES_PER_HOUR) {
      const minutes = Math.max(1, Math.ceil(((recent.oldest ?? now) + HOUR_MS - now) / 60_000));
      throw new FeedbackRateLimitedError({ perHour: MAX_MESSAGES_PER_HOUR, minutes });
    }
    if (coachingRepository.threadCount({ attemptId, groupId }) >= MAX_THREAD_MESSAGES)
      throw new ThreadFullError({ limit: MAX_THREAD_MESSAGES });
  }

  function history({ scope, filter }: { scope: { userId: number }; filter: AttemptFilter }) {
    return {
      ...attemptQuery.page({ scope, filter, pageSize: HISTORY_PAGE_SIZE }),
      totals: attemptQuery.totals({ scope, filter }),
    };
  }

  const inboxSince = () => clock.now().getTime() - INBOX_WINDOW_DAYS * 24 * HOUR_MS;

  return {
    coachesAnyGroup({ user }: { user: User }) {
      const now = clock.now().getTime();
      const hit = coachCache.get(user.id);
      if (hit && now - hit.at < COACH_CACHE_MS) return hit.coaches;
      const coaches = coachingRepository.coachesAnyGroup(user.id);
      if (coachCache.size >= COACH_CACHE_SIZE) coachCache.delete(coachCache.keys().next().value as number);
      coachCache.set(user.id, { coaches, at: now });
      return coaches;
    },

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
      if (!member) throw new GroupMemberNotFoundError();
      return {
        group,
        member,
        ...history({ scope: { userId: memberId }, filter }),
        retries: coachingRepository.retriesFor({ memberId, groupId }),
      };
    },

    /** The coach's view of an attempt with this group's thread; opening it marks the thread read for this coach only. */
    attemptForCoach({
      user,
      groupId,
      attemptId,
      page,
      markRead = true,
    }: {
      user: User;
      groupId: number;
      attemptId: number;
      page?: number;
      /** False when re-showing a refused form: a refused request changes nothing. */
      markRead?: boolean;
    }) {
      const { group, ...attempt } = coachedAttempt({ user, groupId, attemptId });
      const member = groupsRepository.activeMembers(groupId).find((m) => m.userId === attempt.userId);
      const thread = threadPage({ attemptId, groupId, page });
      if (markRead && thread.total > 0)
        coachingRepository.markRead({ userId: user.id, attemptId, groupId, now: clock.now().getTime() });
      return {
        group,
        member,
        attempt,
        question: catalog.get(attempt.questionId),
        codeHtml: highlightPython(attempt.code),
        thread,
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
      coachedAttempt({ user, groupId, attemptId });
      // Rendered outside the write transaction: the lock is held only for the checks and the insert.
      const bodyHtml = renderMarkdown(body);
      return coachingRepository.transaction(() => {
        coachedAttempt({ user, groupId, attemptId });
        const now = clock.now().getTime();
        checkCaps({ authorId: user.id, attemptId, groupId, now });
        const row = coachingRepository.addFeedback({ attemptId, groupId, authorId: user.id, body, bodyHtml, now });
        // The author has read their own words; the candidate and the other coaches have not.
        coachingRepository.markRead({ userId: user.id, attemptId, groupId, now });
        return { feedback: row };
      });
    },

    /**
     * Every thread the candidate can see under their own attempt: one per group they are in now
     * (where they can write) and one per group that wrote before (read-only once they left).
     * Opening them marks them read for the candidate.
     */
    ownThreads({
      user,
      attemptId,
      focus,
      markRead = true,
    }: {
      user: User;
      attemptId: number;
      focus?: { groupId: number; page: number };
      markRead?: boolean;
    }) {
      const attempt = ownAttempt({ user, attemptId });
      const summaries = coachingRepository.threadsOf(attemptId);
      const unread = new Map(
        coachingRepository
          .unreadForCandidate(user.id)
          .filter((u) => u.attemptId === attemptId)
          .map((u) => [u.groupId, u.count]),
      );
      const current = groupsRepository
        .groupsOf(user.id)
        .filter((g) => g.role === 'member')
        .map((g) => ({ groupId: g.id as number | null, groupName: g.name as string | null }));
      const threads = [...current];
      for (const s of summaries)
        if (!threads.some((t) => t.groupId === s.groupId)) threads.push({ groupId: s.groupId, groupName: s.groupName });
      const now = clock.now().getTime();
      const canWrite = attempt.gradedAt !== null;
      const result = threads
        .sort((a, b) =>
          a.groupId === null ? 1 : b.groupId === null ? -1 : (a.groupName ?? '').localeCompare(b.groupName ?? ''),
        )
        .map((t) => {
          const page = threadPage({
            attemptId,
            groupId: t.groupId,
            page: focus && focus.groupId === t.groupId ? focus.page : undefined,
          });
          if (markRead && t.groupId !== null && page.total > 0)
            coachingRepository.markRead({ userId: user.id, attemptId, groupId: t.groupId, now });
          return {
            ...t,
            thread: page,
            unread: t.groupId === null ? 0 : (unread.get(t.groupId) ?? 0),
            canWrite: canWrite && t.groupId !== null && current.some((c) => c.groupId === t.groupId),
          };
        });
      return { attempt, threads: result };
    },

    addReply({ user, attemptId, groupId, body }: { user: User; attemptId: number; groupId: number; body: string }) {
      const check = () => {
        const attempt = ownAttempt({ user, attemptId });
        if (groupsRepository.activeRole({ groupId, userId: user.id }) !== 'member') throw new GroupNotFoundError();
        if (attempt.gradedAt === null) throw new AttemptNotGradedError();
        return attempt;
      };
      check();
      const bodyHtml = renderMarkdown(body);
      return coachingRepository.transaction(() => {
        const attempt = check();
        const now = clock.now().getTime();
        checkCaps({ authorId: user.id, attemptId, groupId, now });
        coachingRepository.addFeedback({ attemptId, groupId, authorId: user.id, body, bodyHtml, now });
        coachingRepository.markRead({ userId: user.id, attemptId, groupId, now });
        return { attempt };
      });
    },

    /** Marks one of the candidate's threads read, or all of them. */
    markOwnRead({ user, thread }: { user: User; thread?: { attemptId: number; groupId: number } }) {
      const now = clock.now().getTime();
      if (!thread) return { marked: coachingRepository.markAllReadForCandidate({ userId: user.id, now }) };
      ownAttempt({ user, attemptId: thread.attemptId });
      if (coachingRepository.threadCount(thread) === 0) throw new ThreadNotFoundError();
      coachingRepository.markRead({ userId: user.id, ...thread, now });
      return { marked: 1 };
    },

    /** Marks one thread read for this coach, or every unread candidate reply in the groups they coach. */
    markCoachRead({ user, thread }: { user: User; thread?: { attemptId: number; groupId: number } }) {
      const now = clock.now().getTime();
      if (!thread) return { marked: coachingRepository.markAllReadForCoach({ coachId: user.id, now }) };
      coachedAttempt({ user, ...thread });
      coachingRepository.markRead({ userId: user.id, ...thread, now });
      return { marked: 1 };
    },

    ownRetries({ user }: { user: User }) {
      return coachingRepository.retriesFor({ memberId: user.id }).map((r) => ({ ...r, title: titleOf(r.questionId) }));
    },

    /** Retries asked of the user that they have not answered yet, with the coach's note (Today). */
    pendingRetries({ user }: { user: User }) {
      return coachingRepository.pendingRetries({ memberId: user.id }).map((r) => {
        const q = catalog.get(r.questionId);
        return { ...r, title: q?.title ?? r.questionId, track: q?.track ?? null };
      });
    },

    /**
     * For the drill page: the coaches' notes on a retry of this question that the user has not
     * answered yet, or null. Once they grade an attempt at it, the notes stop showing.
     */
    retryNoteFor({ userId, questionId }: { userId: number; questionId: string }) {
      const notes = coachingRepository.pendingRetries({ memberId: userId, questionId });
      return notes.length ? { notes } : null;
    },

    unread({ user }: { user: User }) {
      return coachingRepository.unreadForCandidate(user.id).map((u) => ({ ...u, title: titleOf(u.questionId) }));
    },

    /** What Today shows a coach: how much waits in the inbox; null for someone who coaches no group. */
    inboxCounts({ user }: { user: User }) {
      if (!coachingRepository.coachesAnyGroup(user.id)) return null;
      return {
        awaiting: coachingRepository.awaitingCount({ coachId: user.id, since: inboxSince() }),
        unread: coachingRepository.unreadCountForCoach(user.id),
      };
    },

    /** The coach's inbox: unread candidate replies, newest first, and attempts awaiting feedback, newest first. */
    inbox({ user, page }: { user: User; page: number }) {
      const coaches = coachingRepository.coachesAnyGroup(user.id);
      const since = inboxSince();
      const rows = coaches
        ? coachingRepository.awaitingForCoach({
            coachId: user.id,
            since,
            limit: INBOX_PAGE_SIZE + 1,
            offset: (page - 1) * INBOX_PAGE_SIZE,
          })
        : [];
      return {
        coaches,
        awaiting: rows.slice(0, INBOX_PAGE_SIZE).map((a) => ({ ...a, title: titleOf(a.questionId) })),
        hasMore: rows.length > INBOX_PAGE_SIZE,
        awaitingCount: coaches ? coachingRepository.awaitingCount({ coachId: user.id, since }) : 0,
        unread: coaches
          ? coachingRepository
              .unreadForCoach({ coachId: user.id, limit: 100 })
              .map((u) => ({ ...u, title: titleOf(u.questionId) }))
          : [],
        unreadCount: coaches ? coachingRepository.unreadCountForCoach(user.id) : 0,
      };
    },

    /** The card comes due now, in its own track's queue, and the request is kept as the coach's action. */
    requestRetry({ user, groupId, attemptId, note }: { user: User; groupId: number; attemptId: number; note: string }) {
      return coachingRepository.transaction(() => {
        const { userId: memberId, questionId } = coachedAttempt({ user, groupId, attemptId });
        const card = coachingRepository.findCard({ userId: memberId, questionId });
        if (!card) throw new RetryQuestionNotFoundError();
        const question = catalog.get(questionId);
        if (!question || question.retired) throw new RetiredQuestionError();
        const now = clock.now().getTime();
        if (card.due > now) coachingRepository.makeDue({ cardId: card.id, now });
        coachingRepository.addRetry({ groupId, coachId: user.id, memberId, questionId, note, now });
        return { question };
      });
    },
  };
}
export type CoachingService = ReturnType<typeof createCoachingService>;
