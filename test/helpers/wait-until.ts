/**
 * The one poll in the tests, for conditions that raise no event to await (a server's request log, another
 * process's readiness, state that a background job moves on). Tests never sleep a fixed time instead: a
 * sleep is too short on a loaded machine and too long everywhere else.
 */
export interface WaitOptions {
  /** Default 5000 ms; the test's own timeout still applies. */
  timeoutMs?: number;
  /** Default 10 ms. */
  intervalMs?: number;
}

/**
 * Reads until `done` accepts the value and returns that value; past the deadline, throws naming `what` and
 * the last value read, so a failure says what never happened.
 */
export async function waitUntil<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 10 } = options;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (performance.now() > deadline) {
      throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}; last value: ${describe(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
