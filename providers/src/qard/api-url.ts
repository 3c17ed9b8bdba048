import { isIPv4 } from "node:net";

// Plain http is accepted only where the API key cannot leave the machine: a local emulator. That is every
// loopback address, not just 127.0.0.1: all of 127.0.0.0/8 is the host itself (RFC 1122 3.2.1.3; Linux
// answers the whole block on `lo`), so refusing 127.0.0.2 would protect nothing while rejecting a URL
// that works. `localhost` and [::1] are the names the same machine goes by.

/** How the rule reads in a message. */
export const PLAIN_HTTP_HOSTS = "localhost, 127.0.0.0/8 or [::1]";

/** True for hosts that never leave the machine, where plain http exposes the key to no one. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]" || host === "::1") return true;
  return isIPv4(host) && host.startsWith("127.");
}

/** The https rule: https anywhere, plain http only to a loopback host, nothing else. */
export function isSecureApiUrl(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}

/** The outcome of the API URL rule: the parsed URL, or what is wrong with it. */
export type ApiUrlCheck =
  | { ok: true; url: URL }
  | {
      ok: false;
      /** What to fix, worded to follow the setting's name; never quotes the value. */
      problem: string;
      /** The URL's origin when it parsed: safe to show (no user info, path or query), where the problem alone is vague. */
      origin?: string;
    };

/**
 * The one API URL rule, for the client's baseUrl, the program's qard:apiUrl and the policy pack alike: a
 * URL, without user info, query or fragment, https or plain http to a loopback host. A problem never
 * quotes the value: one pasted with `user:password@` carries a credential.
 */
export function checkApiUrl(raw: string): ApiUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      problem: "is not a URL: give the API's address, such as https://api.qardfinance.com",
    };
  }
  const origin = url.origin === "null" ? `${url.protocol}//${url.host}` : url.origin;
  if (url.username !== "" || url.password !== "") {
    return {
      ok: false,
      origin,
      problem:
        "must not contain a user name or password (user:password@ would be stored and logged with the URL): " +
        "give the bare address, and the API key on its own (`pulumi config set --secret qard:apiKey`, or the client's apiKey)",
    };
  }
  if (url.search !== "" || url.hash !== "") {
    return {
      ok: false,
      origin,
      problem:
        "must not contain a query or fragment (it would be stored and logged with the URL): give the bare address",
    };
  }
  if (isSecureApiUrl(url)) return { ok: true, url };
  return {
    ok: false,
    origin,
    problem: `must use https, or the API key and credentials travel in clear (plain http only for a local emulator on ${PLAIN_HTTP_HOSTS})`,
  };
}

/** What is wrong with an API URL given as configuration, or undefined when it can be used (checkApiUrl). */
export function apiUrlProblem(raw: string): string | undefined {
  const checked = checkApiUrl(raw);
  return checked.ok ? undefined : checked.problem;
}
