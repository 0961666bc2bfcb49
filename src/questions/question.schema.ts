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
const shape = z.enum(['json', 'listnode', 'listnodes', 'tree', 'graph']);
const caseName = z.string().min(1).max(200).optional();
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier');
/** A stress case: its input comes from the question's generator (<id>.gen.py), its expected output from the reference. */
const generate = z.strictObject({
  size: z.number().int().min(0).max(10_000_000),
  seed: z.number().int().min(0).default(1),
});
const pythonHook = (name: string) =>
  z.string().refine((src) => new RegExp(`^def ${name}\\(`, 'm').test(src), `must define ${name}(...)`);

/** Rules the harness checks on the candidate's source (parsed, never run) before the cases. */
const rule = z.strictObject({
  forbid: z.enum(['import', 'call', 'attribute', 'name']),
  names: z.array(identifier).min(1),
  message: z.string().trim().min(3).max(200),
});
const harnessCommon = {
  compare: compareMode.default('exact'),
  tolerance: z.number().positive().optional(),
  check: z.string().optional(),
  timeoutSeconds: z.number().positive().max(60).optional(),
  rules: z.array(rule).max(10).optional(),
  crossCheck: z
    .strictObject({
      sizes: z.array(z.number().int().min(0).max(1000)).min(1).max(20),
      seeds: z.number().int().min(1).max(20),
    })
    .optional(),
};
const example = z.boolean().optional();

const functionHarness = z.strictObject({
  kind: z.literal('function'),
  call: identifier,
  argTypes: z.array(shape).optional(),
  returns: shape.optional(),
  inPlace: z.number().int().min(0).optional(),
  prepare: pythonHook('prepare').optional(),
  convert: pythonHook('convert').optional(),
  ...harnessCommon,
  cases: z
    .array(
      z.union([
        z.strictObject({ name: caseName, example, args: z.array(jsonValue), expected: jsonValue }),
        z.strictObject({ name: caseName, generate }),
      ]),
    )
    .min(1),
});

const designHarness = z.strictObject({
  kind: z.literal('design'),
  class: identifier,
  ...harnessCommon,
  cases: z
    .array(
      z.union([
        z.strictObject({
          name: caseName,
          example,
          init: z.array(jsonValue).default([]),
          ops: z.array(z.array(jsonValue).min(1)).min(1),
          expected: z.array(jsonValue),
        }),
        z.strictObject({ name: caseName, generate }),
      ]),
    )
    .min(1),
});

const fixturePath = z.string().regex(/^(?!\/)(?!.*\.\.)[\w ./@+-]+$/, 'fixture paths are relative, without ..');
const fixtureFile = z.union([
  z.string(),
  z
    .strictObject({
      content: z.string().optional(),
      base64: z.string().optional(),
      mtime: z.iso.datetime().optional(),
      mode: z
        .string()
        .regex(/^0?[0-7]{3}$/, 'mode is an octal string such as "0755"')
        .optional(),
      symlink: z.string().min(1).optional(),
      dir: z.literal(true).optional(),
    })
    .refine((f) => [f.content ?? f.base64, f.symlink, f.dir].filter((v) => v !== undefined).length <= 1, {
      message: 'a fixture is a file (content/base64), a symlink or a dir, not several',
    }),
]);
const httpResponse = z.strictObject({
  status: z.number().int().min(100).max(599).default(200),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().default(''),
});
const fixtureServer = z.strictObject({
  routes: z
    .array(
      z.strictObject({
        path: z.string().startsWith('/'),
        method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']).default('GET'),
        responses: z.array(httpResponse).min(1),
      }),
    )
    .min(1),
});

const scriptHarness = z.strictObject({
  kind: z.literal('script'),
  ...harnessCommon,
  compare: z.enum(['exact', 'unordered', 'json', 'custom']).default('exact'),
  cases: z
    .array(
      z.union([
        z.strictObject({
          name: caseName,
          example,
          args: z.array(z.string()).default([]),
          stdin: z.string().optional(),
          files: z.record(fixturePath, fixtureFile).optional(),
          server: fixtureServer.optional(),
          expected: z.strictObject({
            stdout: z.string().default(''),
            exitCode: z.number().int().default(0),
            // true: something on stderr; a text: stderr contains it; false: stderr stays empty.
            stderr: z.union([z.boolean(), z.string().min(1)]).optional(),
            files: z.record(z.string(), z.string()).optional(),
            absent: z.array(z.string()).optional(),
            // Tar archives the script writes: its regular-file members (path -> text) must be
            // exactly these; gzip: true also requires gzip compression.
            archives: z
              .record(
                z.string(),
                z.strictObject({ gzip: z.boolean().default(false), members: z.record(z.string(), z.string()) }),
              )
              .optional(),
            // Single files the script gzips (logrotate style): path -> the text inside.
            gzipped: z.record(z.string(), z.string()).optional(),
            requests: z.array(z.string()).optional(),
          }),
        }),
        z.strictObject({ name: caseName, generate }),
      ]),
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
export type HarnessCase = Harness['cases'][number];
export const isGenerated = (c: HarnessCase): c is Extract<HarnessCase, { generate: unknown }> => 'generate' in c;

/** Default per-case time limit: in-process calls are quick, scripts start a Python process of their own. */
export const defaultTimeoutSeconds = (h: Harness) => h.timeoutSeconds ?? (h.kind === 'script' ? 5 : 2);

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
  /** Read in 15 seconds, above the (long) prompt. */
  summary: z.string().trim().min(10).max(300).optional(),
});

export type AlgorithmFrontMatter = z.infer<typeof algorithmFrontMatter>;
export type ScriptingFrontMatter = z.infer<typeof scriptingFrontMatter>;

export const BODY_SECTIONS = ['Prompt', 'Examples', 'Approach', 'Solution'] as const;
/** Optional sections and the required section they come right after. */
export const OPTIONAL_SECTIONS = { Starter: 'Examples' } as const;
