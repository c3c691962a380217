import { expect } from 'vitest';
import type { ErrorCode, Result } from '../../../src/core/errors.js';

/** The value of a result that must have succeeded; fails the test with the error otherwise. */
export function succeeded<T>(result: Result<T>): T {
  if (!result.ok) {
    expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`);
  }
  return result.value;
}

/** The error of a result that must have failed with `code`. */
export function errorOf<T>(result: Result<T>, code: ErrorCode) {
  if (result.ok) expect.fail(`expected ${code}, got success: ${JSON.stringify(result.value)}`);
  expect(result.error.code, result.error.message).toBe(code);
  return result.error;
}

/** Tuesday 14:00-16:00, the availability most tests use. */
export const TUESDAY_AFTERNOON = [{ weekday: 2, start: '14:00', end: '16:00' }];
