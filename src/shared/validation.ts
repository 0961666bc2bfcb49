import { z } from 'zod';
import { createValidationError } from './errors.js';

/** Parse untrusted input; a failure becomes a 400 that lists each field and its reason. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw createValidationError(result.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  }
  return result.data;
}

export const trackSchema = z.enum(['scripting', 'algorithm'], { message: 'track must be scripting or algorithm' });
export type Track = z.infer<typeof trackSchema>;
export const TRACKS: readonly Track[] = ['scripting', 'algorithm'];

export const idParamSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
