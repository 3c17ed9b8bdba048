import { isRecord } from "@qard-iac/pulumi-qard/internal";
import type { AccountStackConfig, ProviderStackConfig } from "./stack-config.ts";

/** What the program can learn about which config values are secret. */
export interface ConfigSecrecy {
  /**
   * Whether the engine marks this top-level key secret. With `--path`, one secure leaf marks its whole
   * top-level key (`qard:providers`), so this alone cannot tell a secure leaf from a plaintext sibling.
   */
  isSecretKey(key: string): boolean;
  /**
   * From the stack's own file: whether the value at this path (top-level key first) is stored `secure:`,
   * itself or through an ancestor. Undefined when the file does not hold the key (config from elsewhere).
   */
  isStoredSecure(path: readonly string[]): boolean | undefined;
}

export interface SecretBearingConfig {
  /** Whether `qard:apiKey` is set at all. */
  hasApiKey: boolean;
  providers: Record<string, ProviderStackConfig>;
  /** `qard:accounts`: each account's key (when given by value) and its providers' credentials. */
  accounts?: Record<string, Pick<AccountStackConfig, "keySource" | "providers">>;
}

/**
 * Every credential value and API key the stack holds in plaintext, each with the command that fixes it.
 * Such a value would be written to Qard from a stack file and a state anyone with read access can see.
 * Only string credentials count: a boolean such as is_sandbox is a flag, not a secret.
 */
export function plaintextSecretProblems(
  stack: string,
  config: SecretBearingConfig,
  secrecy: ConfigSecrecy,
): string[] {
  const problems: string[] = [];
  if (config.hasApiKey && !secrecy.isSecretKey("qard:apiKey")) {
    problems.push(
      `qard:apiKey is stored in plaintext: set it again with \`pulumi config set --secret qard:apiKey <key> --stack ${stack}\``,
    );
  }
  problems.push(...plaintextCredentials(stack, ["qard:providers"], config.providers, secrecy));
  const accountsSecret = secrecy.isSecretKey("qard:accounts");
  for (const [name, account] of Object.entries(config.accounts ?? {})) {
    if (account.keySource === "apiKey") {
      const secret = accountsSecret && secrecy.isStoredSecure(["qard:accounts", name, "apiKey"]) !== false;
      if (!secret) {
        const dotted = `qard:accounts.${name}.apiKey`;
        problems.push(
          `${dotted} is stored in plaintext: set it again with \`pulumi config set --secret --path '${dotted}' <key> --stack ${stack}\``,
        );
      }
    }
    const at = ["qard:accounts", name, "providers"];
    problems.push(...plaintextCredentials(stack, at, account.providers, secrecy));
  }
  return problems;
}

/** The string credentials of `providers` (found at `at` in the config) that are not stored secure. */
function plaintextCredentials(
  stack: string,
  at: readonly string[],
  providers: Record<string, ProviderStackConfig>,
  secrecy: ConfigSecrecy,
): string[] {
  const problems: string[] = [];
  const topSecret = secrecy.isSecretKey(at[0] ?? "");
  for (const [name, provider] of Object.entries(providers)) {
    const credentials = provider.credentials;
    if (credentials === undefined || "secretsManager" in credentials) continue;
    for (const [key, value] of Object.entries(credentials)) {
      if (typeof value !== "string") continue;
      const path = [...at, name, "credentials", key];
      // Trust the file when it has the key; else the engine's mark is all there is.
      const secret = topSecret && secrecy.isStoredSecure(path) !== false;
      if (secret) continue;
      const dotted = path.join(".");
      problems.push(
        `${dotted} is stored in plaintext: set it again with \`pulumi config set --secret --path '${dotted}' <value> --stack ${stack}\``,
      );
    }
  }
  return problems;
}

/**
 * Whether the value at `path` inside a parsed stack file's `config:` map is stored secure. A secure value
 * is `{ secure: "v1:..." }`, at the leaf or at an ancestor (an object set whole with `--secret`).
 */
export function isStoredSecureIn(stackFile: unknown, path: readonly string[]): boolean | undefined {
  let node = isRecord(stackFile) ? stackFile["config"] : undefined;
  for (const [index, segment] of path.entries()) {
    if (!isRecord(node)) return index === 0 ? undefined : false;
    if (typeof node["secure"] === "string") return true;
    if (!(segment in node)) return index === 0 ? undefined : false;
    node = node[segment];
  }
  return isRecord(node) && typeof node["secure"] === "string";
}
