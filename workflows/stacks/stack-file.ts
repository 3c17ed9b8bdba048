import { readFile, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { parseDocument, type Document } from "yaml";
import { projectRoot } from "../../infra/project-root.ts";
import { PROTOTYPE_KEY_REASON, prototypeKeyPaths } from "@qard-iac/pulumi-qard/rules";
import { identifierProblem, isRecord, quoteRefused, sameJson } from "@qard-iac/pulumi-qard/internal";
import type { KeySource } from "./key-source.ts";

/** A provider's entry in `qard:providers`, as written in a stack file (secure leaves stay opaque). */
export type RawProvider = Record<string, unknown>;
export type RawProviders = Record<string, RawProvider>;

const PROVIDERS_PATH = ["config", "qard:providers"] as const;

/** Where a stack file declares providers: `qard:providers`, or an account's `qard:accounts.<account>.providers`. */
export function providersPath(account?: string): readonly string[] {
  return account === undefined ? PROVIDERS_PATH : ["config", "qard:accounts", account, "providers"];
}

export function stackFilePath(stack: string, dir = projectRoot()): string {
  return path.join(dir, `Pulumi.${stack}.yaml`);
}

async function readStackFile(stack: string, dir: string): Promise<string> {
  const file = stackFilePath(stack, dir);
  return readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT")
      throw new Error(`${path.basename(file)} not found: is "${stack}" a stack of this project?`, {
        cause: error,
      });
    throw error;
  });
}

/** Where the stack file says the stack's Qard key comes from; nothing is decrypted. */
export async function readStackKeySource(stack: string, dir = projectRoot()): Promise<KeySource> {
  const document = parseDocument(await readStackFile(stack, dir));
  const secretId = jsonOf(document.getIn(["config", "qard:apiKeySecretId"]));
  return {
    apiKey: document.hasIn(["config", "qard:apiKey"]),
    ...(typeof secretId === "string" && secretId !== "" ? { apiKeySecretId: secretId } : {}),
  };
}

/** `qard:providers` of a stack file, without decrypting anything (secure leaves stay `{secure: …}`). */
export async function readStackProviders(
  stack: string,
  dir = projectRoot(),
  at: readonly string[] = PROVIDERS_PATH,
): Promise<RawProviders> {
  const document = parseDocument(await readStackFile(stack, dir));
  return providersIn(document, at, path.basename(stackFilePath(stack, dir)));
}

/** The providers a parsed stack file declares at `at`; `file` names it in errors. */
function providersIn(document: Document, at: readonly string[], file: string): RawProviders {
  const value = jsonOf(document.getIn(at));
  if (value === undefined) return {};
  if (!isRecord(value)) {
    throw new Error(`${file}: ${at.slice(1).join(".")} must be a map of provider name to its settings`);
  }
  // The YAML parser keeps `__proto__` as an own key; copying it into another object would set a prototype.
  const reserved = prototypeKeyPaths(value);
  if (reserved.length > 0) {
    const keys = reserved.map((key) => quoteRefused([...at.slice(1), ...key].join(".")));
    throw new Error(`${file}: ${keys.join(", ")} ${PROTOTYPE_KEY_REASON}`);
  }
  return value as RawProviders;
}

/** One account of `qard:accounts` as its stack file declares it; nothing is decrypted. */
export interface StackAccount {
  keySource: KeySource;
  /** Its providers, from both spellings: `qard:accounts.<a>.providers` and `account: <a>` on `qard:providers`. */
  providers: RawProviders;
  /** Where each of those providers is declared in the file (a path of YAML keys). */
  locations: Record<string, readonly string[]>;
}

/**
 * The accounts of a stack file's `qard:accounts`, in file order; {} in the one-account form. An account
 * name or provider name that the identifier rule refuses stops here, naming its key.
 */
export async function readStackAccounts(
  stack: string,
  dir = projectRoot(),
): Promise<Record<string, StackAccount>> {
  const file = path.basename(stackFilePath(stack, dir));
  const document = parseDocument(await readStackFile(stack, dir));
  const accounts = jsonOf(document.getIn(["config", "qard:accounts"]));
  if (accounts === undefined) return {};
  if (!isRecord(accounts))
    throw new Error(`${file}: qard:accounts must be a map of account name to its settings`);
  // One read, one parse: every account's providers come from the same version of the file.
  const flat = providersIn(document, PROVIDERS_PATH, file);
  const result: Record<string, StackAccount> = {};
  for (const [account, entry] of Object.entries(accounts)) {
    const problem = identifierProblem(account);
    if (problem !== undefined)
      throw new Error(`${file}: qard:accounts key ${quoteRefused(account)} ${problem}`);
    const settings = isRecord(entry) ? entry : {};
    const secretId = settings.apiKeySecretId;
    const at = providersPath(account);
    const nested = providersIn(document, at, file);
    const providers: RawProviders = {};
    const locations: Record<string, readonly string[]> = {};
    for (const [name, provider] of Object.entries(nested)) {
      providers[name] = provider;
      locations[name] = [...at, name];
    }
    for (const [name, provider] of Object.entries(flat)) {
      if (!isRecord(provider) || provider.account !== account || Object.hasOwn(providers, name)) continue;
      providers[name] = provider;
      locations[name] = [...PROVIDERS_PATH, name];
    }
    result[account] = {
      keySource: {
        apiKey: settings.apiKey !== undefined,
        ...(typeof secretId === "string" && secretId !== "" ? { apiKeySecretId: secretId } : {}),
        account: { name: account, stack },
      },
      providers,
      locations,
    };
  }
  return result;
}

/**
 * Rewrites only the promoted keys in place, so comments, key order and everything else in the file
 * (encryption salt, secure values, prod-only keys) stay as they are. Written atomically.
 */
export async function writePromotedProviders(
  stack: string,
  providers: RawProviders,
  promotedKeys: readonly string[],
  dir = projectRoot(),
  providersAt: readonly string[] = PROVIDERS_PATH,
): Promise<boolean> {
  const entries = Object.entries(providers).map(([name, provider]) => ({
    at: [...providersAt, name],
    provider,
  }));
  return writePromotedEntries(stack, entries, promotedKeys, dir);
}

/** As writePromotedProviders, each provider at its own place in the file (an account's, or `qard:providers`). */
export async function writePromotedEntries(
  stack: string,
  entries: ReadonlyArray<{ at: readonly string[]; provider: RawProvider }>,
  promotedKeys: readonly string[],
  dir = projectRoot(),
): Promise<boolean> {
  const file = stackFilePath(stack, dir);
  const text = await readFile(file, "utf8");
  const doc = parseDocument(text);
  for (const { at: providerAt, provider } of entries) {
    for (const key of promotedKeys) {
      const at = [...providerAt, key];
      if (provider[key] === undefined) {
        if (doc.hasIn(at)) doc.deleteIn(at);
      } else if (!sameJson(jsonOf(doc.getIn(at)), provider[key])) {
        // Only a value that changes is rewritten, so comments on unchanged nodes survive.
        doc.setIn(at, doc.createNode(provider[key]));
      }
    }
  }
  const next = doc.toString();
  if (next === text) return false;
  const partial = `${file}.promote-${process.pid}`;
  await writeFile(partial, next, "utf8");
  await rename(partial, file);
  return true;
}

/** A YAML node (or scalar) as plain JSON. */
function jsonOf(node: unknown): unknown {
  return isRecord(node) && "toJSON" in node ? (node as { toJSON(): unknown }).toJSON() : node;
}
