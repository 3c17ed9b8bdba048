/** Provider configuration: list, read, and the three documented PUTs. */
import { notFound } from "./api-error.ts";
import type { ProviderDefinition } from "./catalogue.ts";
import type { QardContext } from "./context.ts";
import { providerJson } from "./provider-json.ts";
import type { Answer, RequestInput, Route } from "./router.ts";
import { checkCredentialsBody, checkEnableBody, checkSettingsBody } from "./rules.ts";
import { renderList } from "./shapes.ts";
import type { ProviderState } from "./state.ts";

interface Target {
  definition: ProviderDefinition;
  current: ProviderState;
}

function providerTarget(context: QardContext, name: string | undefined): Target {
  const definition = name === undefined ? undefined : context.catalogue.find(name);
  const current = definition === undefined ? undefined : context.state.providers[definition.name];
  if (definition === undefined || current === undefined) {
    const known = context.catalogue
      .all()
      .map((d) => d.name)
      .join(", ");
    throw notFound(`Provider ${name ?? ""} not found. Known providers: ${known}.`);
  }
  return { definition, current };
}

/** The answer of a successful PUT, in the configured shape. */
function putAnswer(context: QardContext, target: Target): Answer {
  if (context.shapes.put === "no-content") return { status: 204 };
  return { status: 200, body: providerJson(target.definition, target.current) };
}

export const providerRoutes: Route<QardContext>[] = [
  {
    method: "GET",
    pattern: "/api/v6/providers",
    mutates: false,
    handle: (input: RequestInput, context: QardContext) => {
      const providers = context.catalogue.all().flatMap((definition) => {
        const current = context.state.providers[definition.name];
        return current === undefined ? [] : [providerJson(definition, current)];
      });
      return { status: 200, body: renderList(context.shapes, providers, input.query) };
    },
  },
  {
    method: "GET",
    pattern: "/api/v6/providers/{name}",
    mutates: false,
    handle: (input, context) => {
      const target = providerTarget(context, input.params.name);
      return { status: 200, body: providerJson(target.definition, target.current) };
    },
  },
  {
    method: "PUT",
    pattern: "/api/v6/providers/{name}/credentials",
    mutates: true,
    handle: (input, context) => {
      const target = providerTarget(context, input.params.name);
      const check = checkCredentialsBody(target.definition, input.body);
      if (!check.ok) throw check.error;
      target.current.credentials = { ...check.credentials };
      return putAnswer(context, target);
    },
  },
  {
    method: "PUT",
    pattern: "/api/v6/providers/{name}/settings",
    mutates: true,
    handle: (input, context) => {
      const target = providerTarget(context, input.params.name);
      const check = checkSettingsBody(target.definition, input.body);
      if (!check.ok) throw check.error;
      // Replace mode: a setting the PUT does not name falls back to Qard's default (false).
      if (context.shapes.settings === "replace") {
        for (const name of target.definition.settings) target.current.settings[name] = false;
      }
      Object.assign(target.current.settings, check.settings);
      return putAnswer(context, target);
    },
  },
  {
    method: "PUT",
    pattern: "/api/v6/providers/{name}",
    mutates: true,
    handle: (input, context) => {
      const target = providerTarget(context, input.params.name);
      const check = checkEnableBody(target.definition, target.current, input.body);
      if (!check.ok) throw check.error;
      target.current.enabled = check.enable;
      return putAnswer(context, target);
    },
  },
];
