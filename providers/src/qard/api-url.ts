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

/**
 * What is wrong with an API URL given as configuration, or undefined when it can be used. Never quotes the
 * value: one pasted with `user:password@` carries a credential.
 */
export function apiUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL: give the API's address, such as https://api.qardfinance.com";
  }
  if (url.username !== "" || url.password !== "") {
    return (
      "must not contain a user name or password (user:password@ would be stored and logged with the URL): " +
      "give the bare address, and the API key with `pulumi config set --secret qard:apiKey`"
    );
  }
  if (url.search !== "" || url.hash !== "") {
    return "must not contain a query or fragment (it would be stored and logged with the URL): give the bare address";
  }
  if (isSecureApiUrl(url)) return undefined;
  return `must use https (plain http only for a local emulator on ${PLAIN_HTTP_HOSTS})`;
}
