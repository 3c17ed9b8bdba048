import { QardConfigError } from "./errors.ts";

// Checks for the client's numeric options: a bad value fails at construction with the option's name,
// never later as a strange wait. Undefined means "use the default".

export function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new QardConfigError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}

export function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new QardConfigError(`${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

export function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new QardConfigError(`${name} must be an integer >= 1, got ${String(value)}`);
  }
  return value;
}
