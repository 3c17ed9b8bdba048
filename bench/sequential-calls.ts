/** One Qard call as the emulator's request log records it: when it arrived and how long it took to answer. */
export interface TimedCall {
  /** ISO time of arrival (millisecond resolution). */
  at: string;
  durationMs: number;
}

// `at` is truncated to the millisecond and `durationMs` rounded, so a call sent right after the answer to
// another can appear to start up to a millisecond or two before that answer. Calls made side by side
// overlap by the whole latency the emulator adds, far more than this.
const CLOCK_SLACK_MS = 2;

/**
 * The longest chain of calls in which each one started only after the one before it was answered: the
 * number of round trips an operation had to wait for one after the other, however many calls it made side
 * by side. With the emulator adding `latency` to every call, chain × latency is time no client can save
 * (the API floor). Taking the call that ends first each time gives the longest such chain.
 */
export function sequentialCalls(calls: readonly TimedCall[]): number {
  const spans = calls
    .map((call) => {
      const start = Date.parse(call.at);
      return { start, end: start + call.durationMs };
    })
    .sort((a, b) => a.end - b.end);
  let chain = 0;
  let free = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    if (span.start < free - CLOCK_SLACK_MS) continue;
    chain += 1;
    free = span.end;
  }
  return chain;
}
