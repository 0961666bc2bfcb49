// Builds a realistic practice history by driving the real drills service day by day with a
// fixed clock, so cards, attempts and review logs are exactly what real use would leave.
import { createAccountsRepository } from '../accounts/accounts.repository.js';
import { createAccountsService } from '../accounts/accounts.service.js';
import type { Db } from '../db/database.js';
import { createDrillsRepository } from '../drills/drills.repository.js';
import { createDrillsService, type DrillUser } from '../drills/drills.service.js';
import { createGroupsRepository } from '../groups/groups.repository.js';
import { createGroupsService } from '../groups/groups.service.js';
import type { Catalog } from '../questions/catalog.js';
import { DEFAULT_LIMITS } from '../questions/harness/harness.js';
import { createRunnerService } from '../runner/runner.service.js';
import { createRunsRepository } from '../runner/runs.repository.js';
import { type GradeValue, retrievability } from '../scheduling/fsrs.js';
import { DEFAULT_PRESETS } from '../scheduling/presets.js';
import { createSettingsRepository } from '../settings/settings.repository.js';
import type { FixedClock } from '../shared/clock.js';
import { isoWeekday, shiftDay } from '../shared/days.js';
import { TRACKS, type Track } from '../shared/validation.js';

export const DEMO_USERNAME = 'demo';
export const DEMO_PASSWORD = 'demo-password-123';
export const DEMO_COACH = 'coach';
export const DEMO_GROUP = 'Demo study group';
const TIME_ZONE = 'Europe/Berlin';

/** Small deterministic PRNG (mulberry32): the same seed gives the same history. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SKILL: Record<string, number> = { Easy: 0.85, Medium: 0.7, Hard: 0.5 };
const MAX_PER_DAY: Record<Track, number> = { scripting: 10, algorithm: 6 };

/**
 * Creates the demo user and `days` days of history ending yesterday (today is left to do).
 * Returns null when the user already exists: running it twice changes nothing.
 */
export async function seedDemoHistory({
  db,
  catalog,
  clock,
  today,
  days = 365,
  scryptCost,
  seed = 42,
}: {
  db: Db;
  catalog: Catalog;
  clock: FixedClock;
  today: string;
  days?: number;
  scryptCost: number;
  seed?: number;
}) {
  const accountsRepository = createAccountsRepository({ db });
  if (accountsRepository.findUserByUsername(DEMO_USERNAME)) return null;
  const settingsRepository = createSettingsRepository({ db });
  const drillsRepository = createDrillsRepository({ db });
  const accounts = createAccountsService({ accountsRepository, clock, scryptCost });
  // The demo history is self-reported (no code runs): the runner is off.
  const drills = createDrillsService({
    drillsRepository,
    settingsRepository,
    runsRepository: createRunsRepository({ db }),
    runner: createRunnerService({ queue: null, limits: DEFAULT_LIMITS }),
    catalog,
    clock,
    fuzz: true,
  });
  const rnd = random(seed);

  const first = shiftDay(today, -days);
  clock.set(`${first}T09:00:00Z`);
  const { user: row } = await accounts.register({ username: DEMO_USERNAME, password: DEMO_PASSWORD });
  settingsRepository.saveProfile({ userId: row.id, timeZone: TIME_ZONE, dayStartHour: 4 });
  const now = clock.now().getTime();
  // One new question a day keeps the algorithm bank from running out within the year.
  settingsRepository.savePreset({
    userId: row.id,
    track: 'scripting',
    preset: { ...DEFAULT_PRESETS.scripting, newPerDay: 1, drillDays: [1, 2, 3, 4, 5, 6] },
    now,
  });
  settingsRepository.savePreset({
    userId: row.id,
    track: 'algorithm',
    preset: { ...DEFAULT_PRESETS.algorithm, newPerDay: 1 },
    now,
  });
  const user: DrillUser = { id: row.id, timeZone: TIME_ZONE, dayStartHour: 4 };

  let attempts = 0;
  for (let i = 0; i < days; i++) {
    const day = shiftDay(first, i);
    // The interview was booked two months ahead: from then on intervals are capped to it.
    if (i === Math.max(0, days - 60))
      settingsRepository.saveInterviewDate({ userId: user.id, interviewDate: shiftDay(today, 24) });
    const progress = i / days;
    // A two-week break in the middle, and the odd missed day.
    if ((i > days * 0.45 && i < days * 0.45 + 14) || rnd() < 0.1) continue;
    // Evenings in Berlin (17:00-20:00 UTC), with a late-night session now and then.
    clock.set(
      `${day}T${rnd() < 0.08 ? '22' : String(17 + Math.floor(rnd() * 3))}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00Z`,
    );
    for (const track of TRACKS) {
      if (!settingsRepository.getPreset({ userId: user.id, track }).drillDays.includes(isoWeekday(day)) || rnd() < 0.08)
        continue;
      for (let n = 0; n < MAX_PER_DAY[track]; n++) {
        const step = drills.startOrContinue({ user, track });
        if (step.step === 'done') break;
        const attempt = step.attempt;
        const question = catalog.get(attempt.questionId);
        const card = drillsRepository.findCard({ userId: user.id, questionId: attempt.questionId });
        const base = SKILL[question?.difficulty ?? 'Medium'] ?? 0.7;
        const recall = card ? retrievability({ card, now: clock.now(), user }) : base * (0.75 + 0.3 * progress);
        const p = Math.min(0.97, recall * (0.82 + 0.12 * progress));
        const roll = rnd();
        const outcome = roll < p ? 'solved' : roll < p + (1 - p) * 0.45 ? 'partial' : 'failed';
        if (outcome !== 'solved' && rnd() < 0.4)
          drills.revealHint({ user, attemptId: attempt.id, code: '', notes: '' });
        const speed =
          (outcome === 'solved' ? 0.45 : outcome === 'partial' ? 0.85 : 1.05) *
          (1.15 - 0.3 * progress) *
          (0.7 + rnd() * 0.6);
        clock.advance({ seconds: Math.round(attempt.budgetSeconds * speed) });
        const { attempt: submitted } = await drills.submit({
          user,
          attemptId: attempt.id,
          code: '# demo answer\n',
          notes: '',
          outcome,
        });
        const suggested = submitted.suggestedGrade ?? 3;
        const grade = (
          rnd() < 0.85 ? suggested : Math.max(1, Math.min(4, suggested + (rnd() < 0.5 ? -1 : 1)))
        ) as GradeValue;
        clock.advance({ seconds: 20 });
        drills.grade({ user, attemptId: attempt.id, grade });
        attempts++;
        clock.advance({ minutes: 1 });
      }
      const open = drillsRepository.findOpenDrill({ userId: user.id, track, day });
      if (open) drills.finish({ user, drillId: open.id });
    }
  }
  return { userId: user.id, attempts };
}

/**
 * A coach (same password) and a group the demo candidate belongs to, so the coach's views have
 * someone to show. Skipped (null) when the coach exists already or the demo user does not.
 */
export async function seedDemoGroup({
  db,
  catalog,
  clock,
  scryptCost,
}: {
  db: Db;
  catalog: Catalog;
  clock: FixedClock;
  scryptCost: number;
}) {
  const accountsRepository = createAccountsRepository({ db });
  const demo = accountsRepository.findUserByUsername(DEMO_USERNAME);
  if (!demo || accountsRepository.findUserByUsername(DEMO_COACH)) return null;
  const accounts = createAccountsService({ accountsRepository, clock, scryptCost });
  const groups = createGroupsService({
    groupsRepository: createGroupsRepository({ db }),
    settingsRepository: createSettingsRepository({ db }),
    catalog,
    clock,
  });
  // Both joined when the demo history starts, so the coach can read all of it.
  clock.set(new Date(demo.createdAt));
  const { user: coach } = await accounts.register({ username: DEMO_COACH, password: DEMO_PASSWORD });
  const { group } = groups.create({
    user: { id: coach.id, username: coach.username, timeZone: coach.timeZone, dayStartHour: coach.dayStartHour },
    name: DEMO_GROUP,
  });
  groups.join({
    user: { id: demo.id, username: demo.username, timeZone: demo.timeZone, dayStartHour: demo.dayStartHour },
    code: group.inviteCode,
  });
  return { groupId: group.id, coachId: coach.id };
}
