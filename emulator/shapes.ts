/**
 * The answer shapes Qard does not document. The emulator can give each plausible one so that the client is
 * tested against all of them.
 */
import { ApiError, badRequest, unprocessable } from "./api-error.ts";
import { isRecord } from "./json.ts";

export interface AnswerShapes {
  list: "array" | "envelope";
  perPage: number;
  put: "provider" | "no-content";
  errors: "qard" | "message";
  /** What a settings PUT does with the settings it does not name: kept (merge) or reset (replace). */
  settings?: "merge" | "replace";
}

export const DEFAULT_SHAPES: AnswerShapes = {
  list: "array",
  perPage: 50,
  put: "provider",
  errors: "qard",
  settings: "merge",
};

const CHOICES = {
  list: ["array", "envelope"],
  put: ["provider", "no-content"],
  errors: ["qard", "message"],
  settings: ["merge", "replace"],
} as const;

/** Validates a partial shapes object from JSON; throws a 400 ApiError naming the bad field. */
export function parseShapes(input: unknown): Partial<AnswerShapes> {
  if (!isRecord(input)) throw badRequest("Shapes must be a JSON object.");
  const shapes: Partial<AnswerShapes> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (field === "perPage") {
      if (!isPositiveInteger(value)) throw badRequest("perPage must be a positive integer.");
      shapes.perPage = value;
    } else if (field === "list" || field === "put" || field === "errors" || field === "settings") {
      const allowed: readonly unknown[] = CHOICES[field];
      if (!allowed.includes(value))
        throw badRequest(`${field} must be one of: ${CHOICES[field].join(", ")}.`);
      Object.assign(shapes, { [field]: value });
    } else {
      throw badRequest(`Unknown shape ${field}; known: list, perPage, put, errors, settings.`);
    }
  }
  return shapes;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

export function renderError(shape: AnswerShapes["errors"], error: ApiError): Record<string, unknown> {
  if (shape === "message") return { message: error.message };
  return { error_code: error.code, error_message: error.message, error_details: error.details };
}

export interface Envelope<T> {
  result: T[];
  total: number;
  per_page: number;
  current_page: number;
  last_page: number;
}

/** A list answer: everything as a bare array, or one page of it in Qard's envelope. */
export function renderList<T>(shapes: AnswerShapes, items: T[], query: URLSearchParams): T[] | Envelope<T> {
  if (shapes.list === "array") return items;
  const page = pageParameter(query, "page", 1);
  const perPage = pageParameter(query, "per_page", shapes.perPage);
  const start = (page - 1) * perPage;
  return {
    result: items.slice(start, start + perPage),
    total: items.length,
    per_page: perPage,
    current_page: page,
    last_page: Math.max(1, Math.ceil(items.length / perPage)),
  };
}

function pageParameter(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !isPositiveInteger(value)) {
    throw unprocessable("INVALID_PAGINATION", `Query parameter ${name} must be a positive integer.`);
  }
  return value;
}
