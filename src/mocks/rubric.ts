import type { RubricKey } from '../db/schema.js';

/** The six dimensions of the mock rubric and what each level means (1 = no hire .. 4 = strong hire). */
export const RUBRIC: { key: RubricKey; label: string; levels: [string, string, string, string] }[] = [
  {
    key: 'understanding',
    label: 'Problem understanding',
    levels: [
      'Started coding without grasping the task; missed the main requirement.',
      'Understood the main task after prompting; missed edge cases or constraints.',
      'Restated the task, asked about inputs and constraints, covered the usual edge cases.',
      'Pinned down the task and its edge cases up front, and checked assumptions with examples.',
    ],
  },
  {
    key: 'correctness',
    label: 'Correctness',
    levels: [
      'The code does not run, or fails most tests.',
      'Works on the simple cases; fails edge cases or some hidden tests.',
      'Passes the tests, with at most a minor slip fixed along the way.',
      'Passes every test first time it is submitted, edge cases included.',
    ],
  },
  {
    key: 'complexity',
    label: 'Complexity',
    levels: [
      'No idea of the time or memory the solution takes.',
      'A working but needlessly slow approach, not analysed.',
      'A reasonable approach with its time and memory stated correctly.',
      'The best known approach, its costs stated, and the trade-offs against others explained.',
    ],
  },
  {
    key: 'quality',
    label: 'Code quality',
    levels: [
      'Hard to follow: unclear names, duplicated or dead code.',
      'Readable in parts; long functions or confusing names.',
      'Clear names and structure, idiomatic Python.',
      'Clean, idiomatic and easy to change: what a reviewer would approve as is.',
    ],
  },
  {
    key: 'testing',
    label: 'Testing',
    levels: [
      'Never ran or checked the code.',
      'Ran only the given examples.',
      'Ran the examples and tried some edge cases of their own.',
      'Tested deliberately: edge cases, failure paths, and explained why each matters.',
    ],
  },
  {
    key: 'communication',
    label: 'Communication',
    levels: [
      'Silent, or hard to follow.',
      'Explained only when asked.',
      'Thought aloud and explained the approach as they went.',
      'Clear throughout: plan first, trade-offs said aloud, took hints well.',
    ],
  },
];
