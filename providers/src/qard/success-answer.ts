import type { Redactor } from "./redact.ts";
import type { ParsedBody } from "./transport.ts";

/**
 * Why a 2xx answer cannot be taken as Qard's success, or undefined when it can. Qard answers JSON or
 * nothing; an HTML page with status 200 comes from a proxy, a captive portal or a login page, and a PUT
 * that got one has not been applied. A body too large to read is refused too. Other non-JSON answers are
 * judged by the caller: a PUT does not need its answer, a GET does (see requireJson in client.ts).
 * The excerpt is redacted with the call's redactor: the page could echo what was sent.
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
  const excerpt = body.kind === "not-json" ? body.excerpt : undefined;
  if (!isHtmlMediaType(contentType) && !looksLikeMarkup(excerpt)) return undefined;
  const shown = excerpt === undefined ? "" : `: ${JSON.stringify(redact(excerpt))}`;
  return `answer ${status} is an HTML page (${type})${shown}; ${advice}`;
}

export function isHtmlMediaType(contentType: string | null): boolean {
  const media = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return media === "text/html" || media === "application/xhtml+xml";
}

function looksLikeMarkup(excerpt: string | undefined): boolean {
  return excerpt !== undefined && /^<(!doctype|html|head|body)\b/i.test(excerpt);
}
