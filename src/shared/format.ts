export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return sec ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

export function formatClock(seconds: number): string {
  const a = Math.abs(Math.round(seconds));
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  const mm = `${h ? String(m).padStart(2, '0') : m}:${String(s).padStart(2, '0')}`;
  return `${seconds < 0 ? '+' : ''}${h ? `${h}:` : ''}${mm}${seconds < 0 ? ' over' : ''}`;
}

export const TRACK_LABELS = { scripting: 'Scripting round', algorithm: 'Algorithm round' } as const;
export const TRACK_DESCRIPTIONS = {
  scripting: 'DevOps Python tasks: logs, files, processes, APIs, configs, remote hosts.',
  algorithm: 'Coding-round problems from the FAANG interview list, solved in Python.',
} as const;
export const OUTCOME_LABELS = { solved: 'Solved', partial: 'Partly solved', failed: 'Not solved' } as const;
