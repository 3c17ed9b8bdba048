/**
 * The faults the soak injects, by kind, with how often each is drawn and whether the client may recover
 * from it within its retries. A kind that cannot be recovered from makes a failure of the operation an
 * expected outcome; with only recoverable faults, a failure is a finding.
 */
import type { FaultSpec } from "../../emulator/server.ts";
import type { SeededRandom } from "./random.ts";
import { CREDENTIALED, SOAK_PROVIDERS } from "./soak-config.ts";

export type FaultKind =
  | "429 Retry-After seconds"
  | "429 Retry-After date"
  | "429 no Retry-After"
  | "503 Retry-After"
  | "502/504 no Retry-After"
  | "retries exhausted (503 x6)"
  | "500"
  | "connection reset"
  | "answer lost after apply"
  | "slow, within the time limit"
  | "slow, past the time limit"
  | "redirect"
  | "HTML page 200"
  | "echoed credentials (422)"
  | "echoed request body (400)";

/** The client's attempts per call (the library's default): the most PUTs one planned write may take. */
export const MAX_ATTEMPTS = 5;
/** The provider's per-attempt time limit (the library's default). */
export const ATTEMPT_TIMEOUT_MS = 15_000;

interface KindSpec {
  weight: number;
  /** True when the client retries it and a later attempt can succeed. */
  recoverable: boolean;
  effect: (nowMs: number) => Omit<FaultSpec, "path" | "method" | "times">;
  /** Fixed number of applications; default 1 or 2. */
  times?: number;
  /** Only on calls about the provider with credentials (an echo must have something to echo). */
  credentialedOnly?: boolean;
}

export const FAULT_KINDS: Readonly<Record<FaultKind, KindSpec>> = {
  "429 Retry-After seconds": {
    weight: 3,
    recoverable: true,
    effect: () => ({ status: 429, retryAfter: "1" }),
  },
  "429 Retry-After date": {
    weight: 2,
    recoverable: true,
    effect: (nowMs) => ({ status: 429, retryAfter: new Date(nowMs + 1500).toUTCString() }),
  },
  "429 no Retry-After": { weight: 2, recoverable: true, effect: () => ({ status: 429 }) },
  "503 Retry-After": { weight: 2, recoverable: true, effect: () => ({ status: 503, retryAfter: "1" }) },
  "502/504 no Retry-After": { weight: 2, recoverable: true, effect: () => ({ status: 502 }) },
  "retries exhausted (503 x6)": {
    weight: 0.5,
    recoverable: false,
    times: MAX_ATTEMPTS + 1,
    effect: () => ({ status: 503 }),
  },
  "500": { weight: 1, recoverable: false, effect: () => ({ status: 500 }) },
  "connection reset": { weight: 3, recoverable: true, effect: () => ({ reset: true }) },
  "answer lost after apply": { weight: 3, recoverable: true, effect: () => ({ lostAnswer: true }) },
  "slow, within the time limit": { weight: 1, recoverable: true, effect: () => ({ latencyMs: 1500 }) },
  "slow, past the time limit": {
    weight: 0.5,
    recoverable: true,
    times: 1,
    effect: () => ({ latencyMs: ATTEMPT_TIMEOUT_MS + 1000 }),
  },
  redirect: {
    weight: 1,
    recoverable: false,
    effect: () => ({ status: 307, redirectTo: "https://elsewhere.invalid/api/v6/providers" }),
  },
  "HTML page 200": { weight: 1, recoverable: false, effect: () => ({ html: true }) },
  "echoed credentials (422)": {
    weight: 1.5,
    recoverable: false,
    credentialedOnly: true,
    effect: () => ({ status: 422, echo: "credentials" }),
  },
  "echoed request body (400)": {
    weight: 1,
    recoverable: false,
    credentialedOnly: true,
    effect: () => ({ status: 400, echo: "body" }),
  },
};

export interface InjectedFault {
  kind: FaultKind;
  spec: FaultSpec;
}

/**
 * The calls a fault can target: the provider list the provider reads, each provider's three PUTs, and
 * most often a PUT the operation is expected to send (`planned`), so that faults on writes do fire.
 */
function targets(
  random: SeededRandom,
  credentialedOnly: boolean,
  planned: readonly string[],
): Pick<FaultSpec, "method" | "path"> {
  const names = credentialedOnly ? [CREDENTIALED] : Object.keys(SOAK_PROVIDERS);
  const plannedHere = planned.filter((path) => !credentialedOnly || path.includes(`/${CREDENTIALED}`));
  const choice = random.weighted<"planned" | "list" | "credentials" | "settings" | "enable" | "any-put">([
    ["planned", plannedHere.length > 0 ? 6 : 0],
    ["list", credentialedOnly ? 0 : 3],
    ["credentials", 1],
    ["settings", 2],
    ["enable", 2],
    ["any-put", credentialedOnly ? 0 : 1],
  ]);
  const name = random.pick(names);
  switch (choice) {
    case "planned":
      return { method: "PUT", path: random.pick(plannedHere) };
    case "list":
      return { method: "GET", path: "/api/v6/providers" };
    case "credentials":
      return { method: "PUT", path: `/api/v6/providers/${name}/credentials` };
    case "settings":
      return { method: "PUT", path: `/api/v6/providers/${name}/settings` };
    case "enable":
      return { method: "PUT", path: `/api/v6/providers/${name}` };
    case "any-put":
      return { method: "PUT", path: "/api/v6/providers/*" };
  }
}

/** Zero to two faults for one cycle; `planned` are the paths the operation is expected to PUT. */
export function randomFaults(
  random: SeededRandom,
  nowMs: number,
  planned: readonly string[],
): InjectedFault[] {
  const count = random.weighted([
    [0, 3],
    [1, 5],
    [2, 2],
  ]);
  const kinds = Object.entries(FAULT_KINDS) as [FaultKind, KindSpec][];
  const faults: InjectedFault[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random.weighted(kinds.map(([name, spec]) => [name, spec.weight] as const));
    const spec = FAULT_KINDS[kind];
    const times = spec.times ?? random.int(1, 2);
    faults.push({
      kind,
      spec: { ...targets(random, spec.credentialedOnly === true, planned), times, ...spec.effect(nowMs) },
    });
  }
  return faults;
}
