/** A minimal router: patterns like `/api/v6/providers/{name}`, matched segment by segment. */

export interface RequestInput {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  nowMs: number;
}

export interface Answer {
  status: number;
  /** Serialized as JSON; no body at all when undefined. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route<Context> {
  method: string;
  pattern: string;
  /** Changes state: the state file is saved after it succeeds. */
  mutates: boolean;
  handle(input: RequestInput, context: Context): Answer;
}

/** The path parameters when `path` fits `pattern`, else undefined. */
export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split("/");
  const actual = path.replace(/\/+$/, "").split("/");
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? "";
    if (segment.startsWith("{") && segment.endsWith("}")) {
      if (value === "") return undefined;
      params[segment.slice(1, -1)] = safeDecode(value);
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function findRoute<Context>(
  routes: readonly Route<Context>[],
  method: string,
  path: string,
): { route: Route<Context>; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, path);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}
