import { AppError, ValidationError } from '../shared/errors.js';

// What the account pages refuse. The routes re-render their form for these (and only these), by
// class; anything else goes to the error middleware.

/** Login: the same message whether the username exists or not. */
export class BadCredentialsError extends AppError {
  constructor() {
    super({ code: 'accounts.bad_credentials', message: 'Wrong username or password.', statusCode: 401 });
  }
}

/** Changing the password: the current one given was not right. */
export class WrongPasswordError extends AppError {
  constructor() {
    super({
      code: 'accounts.wrong_password',
      message: 'Your current password is not right. Nothing was changed.',
      statusCode: 400,
    });
  }
}

/** A form field broke a rule; each detail is `field: problem`, as the forms list them. */
export class AccountFieldsError extends ValidationError {
  constructor(details: string[]) {
    super(details, { code: 'accounts.validation' });
  }
}

/** Register: the name is taken (found first, or lost to a concurrent sign-up at the unique index). */
export class UsernameTakenError extends AccountFieldsError {
  constructor() {
    super(['username: that username is taken']);
  }
}
