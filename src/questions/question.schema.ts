import { z } from 'zod';

export const DIFFICULTIES = ['Easy', 'Medium', 'Hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const SCRIPTING_TOPICS = [
  'files',
  'logs',
  'system',
  'processes',
  'network',
  'config',
  'api',
  'remote',
  'cloud',
  'containers',
  'kubernetes',
  'data',
  'concurrency',
  'cli',
  'security',
  'monitoring',
  'ci-cd',
  'text',
  'databases',
] as const;

export const QUESTION_ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

const jsonValue: z.ZodType<unknown> = z.unknown();
const compareMode = z.enum(['exact', 'unordered', 'unordered-deep', 'float', 'custom']);
const shape = z.enum(['json', 'listnode', 'tree', 'graph']);
const caseName = z.string().min(1).max(200).optional();

const functionHarness = z.strictObject({
  kind: z.literal('function'),
  call: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier'),
  argTypes: z.array(shape).optional(),
  returns: shape.optional(),
  inPlace: z.number().int().min(0).optional(),
  compare: compareMode.default('exact'),
  tolerance: z.number().positive().optional(),
  check: z.string().optional(),
  timeoutSeconds: z.number().positive().max(60).optional(),
  cases: z.array(z.strictObject({ name: caseName, args: z.array(jsonValue), expected: jsonValue })).min(1),
});

const designHarness = z.strictObject({
  kind: z.literal('design'),
  class: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier'),
  compare: compareMode.default('exact'),
  tolerance: z.number().positive().optional(),
  check: z.string().optional(),
  timeoutSeconds: z.number().positive().max(60).optional(),
  cases: z
    .array(
      z.strictObject({
        name: caseName,
        init: z.array(jsonValue).default([]),
        ops: z.array(z.array(jsonValue).min(1)).min(1),
        expected: z.array(jsonValue),
      }),
    )
    .min(1),
});

const fixtureFile = z.union([
  z.string(),
  z.strictObject({
    content: z.string().optional(),
    base64: z.string().optional(),
    mtime: z.iso.datetime().optional(),
  }),
]);

const scriptHarness = z.strictObject({
  kind: z.literal('script'),
  compare: z.enum(['exact', 'unordered', 'json', 'custom']).default('exact'),
  check: z.string().optional(),
  timeoutSeconds: z.number().positive().max(60).optional(),
  cases: z
    .array(
      z.strictObject({
        name: caseName,
        args: z.array(z.string()).default([]),
        stdin: z.string().optional(),
        files: z
          .record(
            z.string().regex(/^(?!\/)(?!.*\.\.)[\w ./-]+$/, 'fixture paths are relative, without ..'),
            fixtureFile,
          )
          .optional(),
        expected: z.strictObject({
          stdout: z.string().default(''),
          exitCode: z.number().int().default(0),
          files: z.record(z.string(), z.string()).optional(),
          absent: z.array(z.string()).optional(),
        }),
      }),
    )
    .min(1),
});

export const harnessSchema = z
  .discriminatedUnion('kind', [functionHarness, designHarness, scriptHarness])
  .refine((h) => h.compare !== 'custom' || typeof h.check === 'string', {
    message: 'compare: custom needs a check function',
    path: ['check'],
  });
export type Harness = z.infer<typeof harnessSchema>;

const common = {
  title: z.string().trim().min(1).max(200),
  difficulty: z.enum(DIFFICULTIES),
  priority: z.number().int().min(1).max(9999),
  timeBudgetMinutes: z.number().int().min(1).max(180).optional(),
  hints: z.array(z.string().trim().min(1).max(1000)).min(1).max(5),
  harness: harnessSchema,
};

export const algorithmFrontMatter = z.strictObject({
  ...common,
  // Facts from the FAANG list, as they are: a few records carry no topic at all.
  topics: z.array(z.string().min(1)),
  source: z.strictObject({
    kind: z.enum(['leetcode', 'custom']),
    url: z.url({ protocol: /^https$/ }).nullable(),
    premium: z.boolean().default(false),
  }),
  companies: z.array(z.string().min(1)),
  lists: z.array(z.string().min(1)),
  patterns: z.array(z.string().min(1)).default([]),
  difficultyNote: z.string().min(1).optional(),
  dataNote: z.string().min(1).optional(),
  devops: z.strictObject({ relevance: z.enum(['high', 'medium', 'low']), note: z.string().min(10) }),
});

export const scriptingFrontMatter = z.strictObject({
  ...common,
  topics: z.array(z.enum(SCRIPTING_TOPICS)).min(1).max(4),
  theme: z.number().int().min(1),
  area: z.string().min(1),
  modules: z.array(z.string().min(1)).min(1),
});

export type AlgorithmFrontMatter = z.infer<typeof algorithmFrontMatter>;
export type ScriptingFrontMatter = z.infer<typeof scriptingFrontMatter>;

export const BODY_SECTIONS = ['Prompt', 'Examples', 'Approach', 'Solution'] as const;
