import type { Redactor } from "./redact.ts";
import { excerptOf, type ParsedBody } from "./transport.ts";

/**
 * Why a 2xx answer cannot be taken as Qard's success, or undefined when it can. Qard answers JSON or
 * nothing; an HTML page with status 200 comes from a proxy, a captive portal or a login page, and a PUT
 * that got one has not been applied. A body too large to read is refused too. Other non-JSON answers are
 * judged by the caller: a PUT does not need its answer, a GET does (see requireJson in client.ts).
 * The page is redacted with the call's redactor before an excerpt is cut: it could echo what was sent.
 */
export function unusableSuccessProblem(
  status: number,
  contentType: string | null,
  body: ParsedBody,
  redact: Redactor,
): string | undefined {
  const type = contentType === null ? "no content-type" : `content-type ${contentType}`;
  const advice = "not counted as a success: check that qard:apiUrl (baseUrl) is the Qard API";
  if (body.kind === "too-large") {
    return `answer ${status} is larger than ${body.limitBytes} bytes and was not read (${type}); ${advice}`;
  }
  const text = body.kind === "not-json" ? body.text : undefined;
  if (!isHtmlMediaType(contentType) && !looksLikeMarkup(text)) return undefined;
  const shown = text === undefined ? "" : `: ${JSON.stringify(excerptOf(redact(text)))}`;
  return `answer ${status} is an HTML page (${type})${shown}; ${advice}`;
}

export function isHtmlMediaType(contentType: string | null): boolean {
  const media = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return media === "text/html" || media === "application/xhtml+xml";
}

function looksLikeMarkup(text: string | undefined): boolean {
  return text !== undefined && /^\s*<(!doctype|html|head|body)\b/i.test(text);
}
