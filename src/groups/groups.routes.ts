import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { currentUser, requireUser } from '../accounts/session.middleware.js';
import { formatInZone } from '../shared/days.js';
import { idParamSchema, parseInput } from '../shared/validation.js';
import { type GroupsService, groupNameSchema, inviteCodeSchema, leechThresholdSchema } from './groups.service.js';

const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const memberParams = z.object({ id: positiveId, userId: positiveId });
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const percent = (w: { attempts: number; solved: number }) =>
  w.attempts ? `${Math.round((w.solved / w.attempts) * 100)}%` : '—';

export function createGroupsRouter({ groupsService }: { groupsService: GroupsService }) {
  const router = Router();
  router.use(['/groups', '/join'], requireUser);

  const renderIndex = (
    res: Response,
    extra: { status?: number; name?: string; code?: string; errors?: string[]; section?: string } = {},
  ) => {
    const user = currentUser(res);
    const groups = groupsService.myGroups({ user });
    res.status(extra.status ?? 200).render('groups/index', {
      nav: 'groups',
      coaching: groups.filter((g) => g.role === 'coach'),
      memberOf: groups.filter((g) => g.role === 'member'),
      name: extra.name ?? '',
      code: extra.code ?? '',
      errors: extra.errors ?? [],
      section: extra.section ?? '',
    });
  };

  router.get('/groups', (_req, res) => renderIndex(res));

  router.post('/groups', (req, res) => {
    const parsed = groupNameSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return renderIndex(res, {
        status: 400,
        section: 'create',
        name: text((req.body as Record<string, unknown> | undefined)?.name, 80),
        errors: parsed.error.issues.map((i) => i.message),
      });
    const { group } = groupsService.create({ user: currentUser(res), name: parsed.data.name });
    res.redirect(303, `/groups/${group.id}`);
  });

  // The "join with a code" form submits here by GET, so the invite page has one address.
  router.get('/join', (req, res) => {
    const parsed = inviteCodeSchema.safeParse(req.query);
    if (!parsed.success)
      return renderIndex(res, {
        status: 400,
        section: 'join',
        code: text((req.query as Record<string, unknown>).code, 64),
        errors: parsed.error.issues.map((i) => i.message),
      });
    res.redirect(`/join/${encodeURIComponent(parsed.data.code)}`);
  });

  router.get('/join/:code', (req, res) => {
    const { code } = parseInput(inviteCodeSchema, req.params);
    const { group, coaches, role } = groupsService.preview({ user: currentUser(res), code });
    res.render('groups/join', { nav: 'groups', group, coaches, role, code });
  });

  router.post('/join/:code', (req, res) => {
    const { code } = parseInput(inviteCodeSchema, req.params);
    const { group } = groupsService.join({ user: currentUser(res), code });
    res.redirect(303, `/groups/${group.id}`);
  });

  const renderGroup = (
    req: Request,
    res: Response,
    groupId: number,
    extra: { status?: number; errors?: string[]; leechThreshold?: string; notice?: string } = {},
  ) => {
    const user = currentUser(res);
    const o = groupsService.overview({ user, groupId });
    res.status(extra.status ?? 200).render('groups/show', {
      nav: 'groups',
      group: o.group,
      role: o.role,
      coaches: o.coaches,
      // Absolute, so a coach can paste it into a chat; built from the address they reached us at.
      inviteUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}/join/${o.group.inviteCode}`,
      members: o.members.map((m) => ({
        ...m,
        joinedLabel: formatInZone(m.joinedAt, user.timeZone, false),
        last7Label: `${m.last7.attempts} · ${percent(m.last7)}`,
        last30Label: `${m.last30.attempts} · ${percent(m.last30)}`,
      })),
      errors: extra.errors ?? [],
      leechThreshold: extra.leechThreshold ?? String(o.group.leechThreshold),
      notice: extra.notice ?? '',
    });
  };

  router.get('/groups/:id', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const notices: Record<string, string> = {
      rotated: 'New invite code made: the old link no longer works.',
      saved: 'Saved.',
      removed: 'Member removed: you no longer see their attempts.',
      promoted: 'They are now a coach of this group.',
    };
    const done = typeof req.query.done === 'string' ? req.query.done : '';
    renderGroup(req, res, id, { notice: notices[done] ?? '' });
  });

  router.post('/groups/:id/leave', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    groupsService.leave({ user: currentUser(res), groupId: id });
    res.redirect(303, '/groups');
  });

  router.post('/groups/:id/invite', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    groupsService.rotateInviteCode({ user: currentUser(res), groupId: id });
    res.redirect(303, `/groups/${id}?done=rotated`);
  });

  router.post('/groups/:id/settings', (req, res) => {
    const { id } = parseInput(idParamSchema, req.params);
    const parsed = leechThresholdSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      // Authorization first: an outsider gets the same 404 whatever they typed.
      groupsService.requireRole({ user: currentUser(res), groupId: id, roles: ['coach'] });
      return renderGroup(req, res, id, {
        status: 400,
        errors: parsed.error.issues.map((i) => i.message),
        leechThreshold: text((req.body as Record<string, unknown> | undefined)?.leechThreshold, 10),
      });
    }
    groupsService.setLeechThreshold({
      user: currentUser(res),
      groupId: id,
      leechThreshold: parsed.data.leechThreshold,
    });
    res.redirect(303, `/groups/${id}?done=saved`);
  });

  // "Remove" and "Make coach" go through a page that says what will happen, so a stray click
  // (or a screen reader user landing on the wrong row) cannot do it; it works without JavaScript.
  const confirmations = {
    remove: {
      heading: (name: string) => `Remove ${name} from the group?`,
      lines: (name: string, group: string) => [
        `The coaches of “${group}” stop seeing ${name}'s attempts, code and notes at once, and ${name} is told nothing.`,
        `${name} can join again with the invite link while it stays the same.`,
      ],
      button: (name: string) => `Remove ${name}`,
    },
    promote: {
      heading: (name: string) => `Make ${name} a coach?`,
      lines: (name: string, group: string) => [
        `${name} will see every attempt of every member of “${group}”, code and notes included, and all of this group's feedback threads, including those written before today.`,
        `${name}'s own attempts stop being visible to the group's coaches, and ${name} can remove members and make other coaches.`,
      ],
      button: (name: string) => `Make ${name} a coach`,
    },
  } as const;

  router.get('/groups/:id/members/:userId/:action', (req, res, next) => {
    const action = req.params.action;
    if (action !== 'remove' && action !== 'promote') return next();
    const { id, userId } = parseInput(memberParams, req.params);
    const { group, member } = groupsService.memberOf({ user: currentUser(res), groupId: id, memberId: userId });
    const c = confirmations[action];
    res.render('groups/confirm', {
      nav: 'groups',
      group,
      heading: c.heading(member.username),
      lines: c.lines(member.username, group.name),
      button: c.button(member.username),
      action: `/groups/${id}/members/${userId}/${action}`,
    });
  });

  router.post('/groups/:id/members/:userId/remove', (req, res) => {
    const { id, userId } = parseInput(memberParams, req.params);
    groupsService.removeMember({ user: currentUser(res), groupId: id, memberId: userId });
    res.redirect(303, `/groups/${id}?done=removed`);
  });

  router.post('/groups/:id/members/:userId/promote', (req, res) => {
    const { id, userId } = parseInput(memberParams, req.params);
    groupsService.promote({ user: currentUser(res), groupId: id, memberId: userId });
    res.redirect(303, `/groups/${id}?done=promoted`);
  });

  return router;
}
