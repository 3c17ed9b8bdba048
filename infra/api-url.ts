// Plain http only where the API key never leaves the machine (a local emulator).
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * What is wrong with a `qard:apiUrl`, or undefined when it can be used. Never quotes the value: one pasted
 * with `user:password@` carries a credential.
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
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return "must use https (plain http only for a local emulator on 127.0.0.1 or localhost)";
}
