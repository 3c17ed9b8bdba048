import { credentialValueProblem } from "../credential-value.ts";
import { isRecord } from "../is-record.ts";
import { isPrototypeKey, PROTOTYPE_KEY_REASON } from "../prototype-keys.ts";
import { quoteRefused } from "../identifier.ts";
import { API, segment } from "./endpoint-path.ts";
import { QardConfigError } from "./errors.ts";
import type { QardProvider } from "./model.ts";
import { collectPages, type ListItems } from "./paged-list.ts";
import { plainProviders } from "./plain-answers.ts";
import type { RequestPipeline } from "./request-pipeline.ts";

// The endpoints that configure a provider of the account: what the Pulumi resources call. Each is
// documented once, on the QardClient method that exposes it (client.ts): the API users read.

const PROVIDER_ITEMS: ListItems<QardProvider> = {
  plain: plainProviders,
  schema: (schemas) => schemas.providerSchema,
};

export function listProviders(pipeline: RequestPipeline): Promise<QardProvider[]> {
  return collectPages(pipeline, `${API}/providers`, PROVIDER_ITEMS);
}

export async function putCredentials(
  pipeline: RequestPipeline,
  name: string,
  credentials: Record<string, string | boolean>,
): Promise<void> {
  const secrets = checkCredentials(credentials);
  await pipeline.send({
    method: "PUT",
    path: `${API}/providers/${segment(name, "provider name")}/credentials`,
    body: { credentials },
    secrets,
  });
}

export async function putSettings(
  pipeline: RequestPipeline,
  name: string,
  settings: Record<string, boolean>,
): Promise<void> {
  checkSettings(settings);
  await pipeline.send({
    method: "PUT",
    path: `${API}/providers/${segment(name, "provider name")}/settings`,
    body: settings,
  });
}

export async function setEnabled(pipeline: RequestPipeline, name: string, enabled: boolean): Promise<void> {
  if (typeof enabled !== "boolean") throw new QardConfigError("setEnabled: enabled must be a boolean");
  await pipeline.send({
    method: "PUT",
    path: `${API}/providers/${segment(name, "provider name")}`,
    body: { enable: enabled },
  });
}

/**
 * The library's one credential-value rule (credential-value.ts), so a caller of the client cannot send what
 * the resource would refuse. Returns the string values, which are the ones to scrub from answers (booleans
 * like is_sandbox are not secret).
 */
function checkCredentials(credentials: Record<string, string | boolean>): string[] {
  if (!isRecord(credentials)) {
    throw new QardConfigError("putCredentials: credentials must be an object of key -> string | boolean");
  }
  const secrets: string[] = [];
  for (const [key, value] of Object.entries(credentials)) {
    if (isPrototypeKey(key)) {
      throw new QardConfigError(
        `putCredentials: credential key ${quoteRefused(key)} ${PROTOTYPE_KEY_REASON}`,
      );
    }
    // The value itself is never quoted: it is a credential.
    switch (credentialValueProblem(value)) {
      case "not-string-or-boolean":
        throw new QardConfigError(`putCredentials: credential "${key}" must be a string or a boolean`);
      case "blank":
        throw new QardConfigError(`putCredentials: credential "${key}" is empty`);
    }
    if (typeof value === "string") secrets.push(value);
  }
  return secrets;
}

function checkSettings(settings: Record<string, boolean>): void {
  if (!isRecord(settings)) {
    throw new QardConfigError("putSettings: settings must be an object of setting name -> boolean");
  }
  for (const [key, value] of Object.entries(settings)) {
    if (isPrototypeKey(key)) {
      throw new QardConfigError(`putSettings: setting ${quoteRefused(key)} ${PROTOTYPE_KEY_REASON}`);
    }
    if (typeof value !== "boolean") {
      throw new QardConfigError(`putSettings: setting "${key}" must be a boolean, got ${typeof value}`);
    }
  }
}
