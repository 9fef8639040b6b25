import { expect } from "vitest";
import { AppError } from "../../bot-server/src/lib/errors.js";

/** Awaits `p` and checks that it was refused with this HTTP status and error code. */
export async function expectAppError(p: Promise<unknown>, status: number, code: string): Promise<AppError> {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a refusal ${status} ${code}`).toBeInstanceOf(AppError);
  const e = caught as AppError;
  expect({ status: e.statusCode, code: e.code }).toEqual({ status, code });
  return e;
}
