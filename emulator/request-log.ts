/**
 * What the emulator received, for assertions. Secrets never enter it: credential values are replaced when
 * the entry is made, and the API key (a header) is not recorded at all.
 */
import { isRecord } from "./json.ts";

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  /** 0 when no answer was sent (connection reset, or still pending / hanging). */
  status: number;
  durationMs: number;
  at: string;
  body?: unknown;
  fault?: string;
}

export const REDACTED = "[REDACTED]";

const CREDENTIALS_ROUTE = /^\/api\/v6\/providers\/[^/]+\/credentials\/?$/;

/**
 * On the credentials route every leaf value is a secret (keys are kept, they say what was sent). Elsewhere a
 * `credentials` object or any field named like a credential key of the emulator's catalogue is hidden, in
 * case a client sent a secret to the wrong route. Configured API keys are scrubbed from every remaining string.
 */
export function redactBody(
  path: string,
  body: unknown,
  apiKeys: readonly string[],
  credentialKeyNames: ReadonlySet<string>,
): unknown {
  if (CREDENTIALS_ROUTE.test(path)) return redactAll(body);
  return redactSecrets(body, { apiKeys, credentialKeyNames });
}

interface Secrets {
  apiKeys: readonly string[];
  credentialKeyNames: ReadonlySet<string>;
}

function redactAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactAll);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAll(v)]));
  return REDACTED;
}

function redactSecrets(value: unknown, secrets: Secrets): unknown {
  if (typeof value === "string")
    return secrets.apiKeys.some((key) => key !== "" && value.includes(key)) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, secrets));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === "credentials" || secrets.credentialKeyNames.has(key)
        ? redactAll(item)
        : redactSecrets(item, secrets),
    ]),
  );
}

/** The query string as logged: a configured API key passed there by mistake is replaced too. */
export function redactQuery(query: string, apiKeys: readonly string[]): string {
  let text = query;
  for (const key of apiKeys.filter((k) => k !== "")) {
    text = text.split(key).join(REDACTED).split(encodeURIComponent(key)).join(REDACTED);
  }
  return text;
}

// A long-running demo emulator must not grow without bound; tests never come near this.
const MAX_ENTRIES = 10_000;

export class RequestLog {
  #entries: RequestLogEntry[] = [];

  /** Records a request on arrival, so the log is in arrival order even when answers are delayed. */
  begin(entry: RequestLogEntry): RequestLogEntry {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.shift();
    return entry;
  }

  entries(): RequestLogEntry[] {
    return this.#entries.map((entry) => structuredClone(entry));
  }

  clear(): void {
    this.#entries = [];
  }
}
