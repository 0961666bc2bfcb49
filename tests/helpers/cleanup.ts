// Runs in every test file (vitest setupFiles): the temporary folders the helpers made go away
// when the file's tests are done.
import { afterAll } from 'vitest';
import { removeTempDirs } from './tmp.js';

afterAll(() => removeTempDirs());
