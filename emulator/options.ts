/** The emulator's options, checked and given their defaults once, at start. */
import type { ProviderDefinition } from "./catalogue.ts";
import { parseExtraProviders } from "./extra-providers.ts";
import { parseFaultSpec, type FaultSpec } from "./faults.ts";
import { DEFAULT_SHAPES, parseShapes, type AnswerShapes } from "./shapes.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

export interface EmulatorOptions {
  /** Interface to listen on. Default "127.0.0.1": the emulator holds credentials and is for local use. */
  host?: string;
  /** Default 0: a free port, read back from `RunningEmulator.port`. */
  port?: number;
  /** Accepted X-API-KEY values. Default ["emulator-key"]; any other key answers 401. */
  apiKeys?: string[];
  /** When set, the state is loaded from this JSON file at start and saved after every change. */
  stateFile?: string;
  /** Default 300: a sync is QUEUED, FETCHING from half this delay, SUCCESS after it. */
  syncDelayMs?: number;
  /** Default: bare-array lists of 50, PUTs answer the provider, Qard error bodies. */
  shapes?: Partial<AnswerShapes>;
  /** Faults armed from the start. */
  faults?: FaultSpec[];
  /**
   * Providers this emulator knows besides the built-in ones, listed after them. Names must be unique and
   * differ from the built-in names. Default none.
   */
  extraProviders?: ProviderDefinition[];
}

export interface NormalizedOptions {
  host: string;
  port: number;
  apiKeys: string[];
  stateFile: string | undefined;
  syncDelayMs: number;
  shapes: AnswerShapes;
  faults: FaultSpec[];
  extraProviders: ProviderDefinition[];
}

const DEFAULT_API_KEY = "emulator-key";
const DEFAULT_SYNC_DELAY_MS = 300;

function invalid(option: string, reason: string): Error {
  return new TypeError(`Invalid emulator option ${option}: ${reason}`);
}

function guarded<T>(option: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw invalid(option, messageOf(error));
  }
}

export function normalizeOptions(options: EmulatorOptions = {}): NormalizedOptions {
  const {
    host = "127.0.0.1",
    port = 0,
    apiKeys = [DEFAULT_API_KEY],
    syncDelayMs = DEFAULT_SYNC_DELAY_MS,
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw invalid("port", "an integer from 0 to 65535");
  if (apiKeys.length === 0 || apiKeys.some((key) => typeof key !== "string" || key === "")) {
    throw invalid("apiKeys", "at least one non-empty string");
  }
  if (!Number.isFinite(syncDelayMs) || syncDelayMs < 0) throw invalid("syncDelayMs", "a number >= 0");
  if (options.stateFile === "") throw invalid("stateFile", "a file path");
  return {
    host,
    port,
    apiKeys: [...apiKeys],
    stateFile: options.stateFile,
    syncDelayMs,
    shapes: { ...DEFAULT_SHAPES, ...guarded("shapes", () => parseShapes(options.shapes ?? {})) },
    faults: guarded("faults", () => (options.faults ?? []).map((fault) => parseFaultSpec(fault))),
    extraProviders: guarded("extraProviders", () => parseExtraProviders(options.extraProviders ?? [])),
  };
}
