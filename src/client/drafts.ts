// Drafts kept in this browser's localStorage, one key per attempt. They cover the seconds between
// autosaves (a crashed tab, a lost connection) and are removed on submit and on logout, so a
// shared computer keeps no one's code after they leave.
const PREFIX = 'opsdrill-draft-';

/** `synced`: the server confirmed it has this exact text (a reload then trusts the server's copy). */
export type LocalDraft = { code: string; notes: string; synced: boolean };

export function readLocalDraft(attemptId: string): LocalDraft | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(PREFIX + attemptId) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { code, notes, synced } = value as Record<string, unknown>;
    return {
      code: typeof code === 'string' ? code : '',
      notes: typeof notes === 'string' ? notes : '',
      synced: synced === true,
    };
  } catch {
    return null; // storage unavailable or corrupt: the server draft is enough
  }
}

export function writeLocalDraft(attemptId: string, draft: LocalDraft) {
  try {
    localStorage.setItem(PREFIX + attemptId, JSON.stringify(draft));
  } catch {
    // full or unavailable: the autosave to the server still runs
  }
}

export function removeLocalDraft(attemptId: string) {
  try {
    localStorage.removeItem(PREFIX + attemptId);
  } catch {
    // unavailable: nothing was stored
  }
}

export function clearLocalDrafts() {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // unavailable: nothing was stored
  }
}
