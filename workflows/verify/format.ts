/**
 * What verify prints: one line per step or status change (nothing redrawn, so a CI log reads like a
 * terminal), a closing summary, or one JSON document.
 */
import type { CommerceCollection } from "../../providers/src/qard/index.ts";
import { COMMERCE_COLLECTION_TYPES, type VerifyEvent, type VerifyReport } from "./verify-integration.ts";

export function formatEvent(event: VerifyEvent): string {
  switch (event.kind) {
    case "provider":
      return `Provider ${event.providerName}: enabled; data types ${event.dataTypes.join(", ")}`;
    case "connection":
      return `Data connection ${event.connectionId}: ${event.status}`;
    case "connection-reused":
      return `Reusing the user's data connection ${event.connectionId} (${event.status}): none created`;
    case "authorization-required": {
      const wait = `waiting up to ${event.timeoutMs / 1000} s`;
      return event.redirectUrl === undefined
        ? `The user must authorize the connection (${wait}); Qard gave no redirect_url.`
        : `The user must authorize the connection (${wait}). Open:\n  ${event.redirectUrl}`;
    }
    case "sync-started":
      return [
        event.followed.length > 0
          ? `Following the sync already running for ${event.followed.join(", ")}`
          : "",
        event.started.length > 0 ? `Sync started for ${event.started.join(", ")}` : "",
      ]
        .filter((line) => line !== "")
        .join("\n");
    case "sync-status":
      return `  ${event.dataType.padEnd(24)} ${event.status}`;
  }
}

/** The closing lines of a completed run. */
export function formatReport(report: VerifyReport): string {
  const statuses = Object.entries(report.sync.statuses);
  const succeeded = statuses.filter(([, status]) => status === "SUCCESS").length;
  const lines: string[] = [];
  const counts = formatCounts(report.commerceCounts);
  if (counts !== undefined) lines.push(`Commerce data: ${counts}`);
  lines.push(
    report.created.length > 0
      ? `Created in Qard: ${report.created.join("; ")}.`
      : "Created in Qard: nothing (the user's data connection was reused; the syncs already running were followed).",
  );
  if (!report.connection.reused) {
    lines.push(`Next runs reuse data connection ${report.connection.id}; pass --connection to pin it.`);
  }
  if (report.ok) {
    lines.push(
      `OK: ${report.providerName} synchronized ${succeeded}/${statuses.length} data types for user ${report.userId}.`,
    );
  } else {
    const failed = statuses.filter(([, status]) => status !== "SUCCESS");
    lines.push(
      `FAILED: ${failed.map(([dataType, status]) => `${dataType} ended ${status}`).join(", ")} ` +
        `(${succeeded}/${statuses.length} data types synchronized).`,
    );
  }
  return lines.join("\n");
}

/** e.g. "2 locations, 5 customers, 8 products, 12 orders"; undefined when no commerce data was read. */
function formatCounts(counts: VerifyReport["commerceCounts"]): string | undefined {
  const parts = (Object.keys(COMMERCE_COLLECTION_TYPES) as CommerceCollection[]).flatMap((collection) => {
    const count = counts[collection];
    return count === undefined ? [] : [`${count} ${collection}`];
  });
  return parts.length === 0 ? undefined : parts.join(", ");
}

/** The --json document: the report, or what stopped the run. Never holds the API key. */
export type VerifySummary =
  | VerifyReport
  | { ok: false; userId: string; providerName: string; error: { reason: string; message: string } };
