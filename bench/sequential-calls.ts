/** One Qard call as the emulator's request log records it. */
export interface LoggedCall {
  path: string;
  /** ISO time of arrival (millisecond resolution). */
  at: string;
  durationMs: number;
}

// `at` is truncated to the millisecond and `durationMs` rounded, so a call sent right after the answer to
// another can appear to start up to a millisecond or two before that answer. Calls made side by side
// overlap by the whole latency the emulator adds, far more than this.
const CLOCK_SLACK_MS = 2;

const PROVIDER_PATH = /^\/api\/v6\/providers\/([^/]+)/;

/**
 * The round trips an operation had to wait for one after the other: per Qard provider, the longest chain
 * of calls in which each one started only after the one before it was answered, counting that provider's
 * own calls and the account-wide ones (the provider list every resource reads); the largest of those. With
 * the emulator adding a latency to every call, that × the latency is time no client could save (the API
 * floor). Resources run side by side and the engine may start one later than another: a chain across
 * different providers would count that wait as Qard's, so it is not taken.
 */
export function sequentialCalls(calls: readonly LoggedCall[]): number {
  const shared: LoggedCall[] = [];
  const byProvider = new Map<string, LoggedCall[]>();
  for (const call of calls) {
    const provider = PROVIDER_PATH.exec(call.path)?.[1];
    if (provider === undefined) shared.push(call);
    else byProvider.set(provider, [...(byProvider.get(provider) ?? []), call]);
  }
  let longest = longestChain(shared);
  for (const own of byProvider.values()) longest = Math.max(longest, longestChain([...shared, ...own]));
  return longest;
}

/** Taking, each time, the call that is answered first among those that can follow gives the longest chain. */
function longestChain(calls: readonly LoggedCall[]): number {
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
