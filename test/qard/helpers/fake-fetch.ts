import type { FetchLike } from "../../../providers/src/qard/index.ts";

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export type ScriptedReply =
  | { status: number; statusText?: string; headers?: Record<string, string>; json?: unknown; text?: string }
  | { error: unknown }
  /** Never settles unless the signal aborts: a hung server that the client must time out. */
  | { hang: true; ignoreSignal?: boolean };

export interface ScriptedFetch {
  fetch: FetchLike;
  calls: RecordedCall[];
}

/**
 * A FetchLike that answers from a script, one reply per call; the last reply repeats once the script is
 * used up. Records what was sent, so tests can assert on paths, headers and bodies.
 */
export function scriptedFetch(...replies: ScriptedReply[]): ScriptedFetch {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: RecordedCall = { url, method: init.method, headers: { ...init.headers } };
    if (init.body !== undefined) call.body = init.body;
    calls.push(call);
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error("scriptedFetch: no reply scripted");
    if ("error" in reply) throw reply.error;
    if ("hang" in reply) {
      return new Promise((_, reject) => {
        if (reply.ignoreSignal === true) return;
        init.signal.addEventListener("abort", () => reject(abortError()), { once: true });
      });
    }
    const text = reply.text ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
    const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    if (reply.json !== undefined && !headers.has("content-type"))
      headers.set("content-type", "application/json");
    return {
      status: reply.status,
      statusText: reply.statusText ?? "",
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      text: async () => text,
    };
  };
  return { fetch, calls };
}

export function abortError(): Error {
  const error = new Error("The operation was aborted.");
  error.name = "AbortError";
  return error;
}

/** An error shaped like node-fetch's FetchError for a system error. */
export function systemError(code: string, message = `request failed, reason: ${code}`): Error {
  return Object.assign(new Error(message), { name: "FetchError", code, errno: code, type: "system" });
}

export const PROVIDER_JSON = {
  name: "shopify",
  logo_url: "https://static.qard.invalid/providers/shopify.svg",
  enabled: false,
  available: true,
  unique: false,
  auth_required: true,
  auto_connect: true,
  settings: ["auto_connect"],
  credentials_config: ["client_id", "client_secret"],
  data_types: ["COMMERCE_LOCATION", "COMMERCE_CUSTOMER", "COMMERCE_PRODUCT", "COMMERCE_ORDER"],
};
