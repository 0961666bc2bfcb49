import fs from 'node:fs';
import { fromRoot } from '../shared/paths.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export const PASSWORD_MESSAGES = {
  tooShort: `password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: `password can be at most ${PASSWORD_MAX_LENGTH} characters`,
  common: 'that password is on the list of common passwords attackers try first: choose another',
  username: 'password must not be your username',
};

let common: Set<string> | undefined;

/** The list ships with the code; read on first use rather than at import. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(fromRoot('src/accounts/common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

export const isCommonPassword = (password: string) => commonPasswords().has(password.toLowerCase());

/** What is wrong with a new password (empty when it is acceptable). */
export function passwordProblems({ password, username }: { password: string; username: string }): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(PASSWORD_MESSAGES.tooShort);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(PASSWORD_MESSAGES.tooLong);
  if (isCommonPassword(password)) problems.push(PASSWORD_MESSAGES.common);
  if (password.toLowerCase() === username.toLowerCase()) problems.push(PASSWORD_MESSAGES.username);
  return problems;
}
