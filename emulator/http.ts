/** Reading requests and writing answers with node:http, nothing more. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./api-error.ts";
import type { Answer } from "./router.ts";

// Provider bodies are a few hundred bytes; anything near this is a client bug, not a payload.
const MAX_BODY_BYTES = 1_000_000;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** An empty body is `undefined`; invalid JSON is reported without its text, which may hold secrets. */
export function parseJsonBody(raw: Buffer): ParsedBody {
  const text = raw.toString("utf8");
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function writeAnswer(response: ServerResponse, answer: Answer): void {
  if (response.destroyed || response.headersSent) return;
  const headers = { ...answer.headers };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  response
    .writeHead(answer.status, {
      ...headers,
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(payload),
    })
    .end(payload);
}
