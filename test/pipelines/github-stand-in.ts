/**
 * A local stand-in for the part of GitHub the workflows talk to: the REST endpoints of issues, labels, pull
 * requests and comments that `gh` and pulumi/actions call, and the runner's OIDC token endpoint. It listens
 * on 127.0.0.1, keeps issues in memory and records every call, so a test reads what a run did on GitHub.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isRecord } from "@qard-iac/pulumi-qard/internal";

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
}

export interface StandInIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  comments: string[];
  pullRequest: boolean;
}

export interface GitHubStandIn {
  /** Goes in GITHUB_API_URL. */
  apiUrl: string;
  /** Goes in ACTIONS_ID_TOKEN_REQUEST_URL (the runner's OIDC endpoint; act has none). */
  oidcUrl: string;
  calls: RecordedCall[];
  issues: StandInIssue[];
  /** A pull request the test opens, as GitHub would number it; comments land on it. */
  openPullRequest(title: string): number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      try {
        resolve(text === "" ? undefined : (JSON.parse(text) as unknown));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function field(body: unknown, name: string): unknown {
  return isRecord(body) ? body[name] : undefined;
}

function asApi(issue: StandInIssue) {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((name) => ({ name })),
    html_url: `https://github.invalid/issues/${issue.number}`,
  };
}

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const calls: RecordedCall[] = [];
  const issues: StandInIssue[] = [];
  const add = (fields: Omit<StandInIssue, "number" | "state" | "comments">): StandInIssue => {
    const issue: StandInIssue = { ...fields, number: issues.length + 1, state: "open", comments: [] };
    issues.push(issue);
    return issue;
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const body = await readBody(request);
    const method = request.method ?? "GET";
    calls.push({ method, path: url.pathname + url.search, body });
    const answer = (status: number, payload?: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(payload === undefined ? "" : JSON.stringify(payload));
    };
    if (url.pathname === "/oidc/token") return answer(200, { value: "stand-in-oidc-token" });
    const match = /^\/repos\/[^/]+\/[^/]+\/(labels|issues|pulls)(?:\/(\d+))?(?:\/(comments))?$/.exec(
      url.pathname,
    );
    if (!match) return answer(404, { message: "Not Found" });
    const [, collection, numberText, sub] = match;
    const found = numberText ? issues.find((i) => i.number === Number(numberText)) : undefined;
    if (numberText && !found) return answer(404, { message: "Not Found" });
    if (collection === "labels") return answer(201, { name: field(body, "name") });
    if (sub === "comments" && method === "POST") {
      found!.comments.push(String(field(body, "body") ?? ""));
      return answer(201, { id: calls.length });
    }
    if (found && method === "PATCH") {
      if (field(body, "state") === "closed") found.state = "closed";
      if (typeof field(body, "body") === "string") found.body = field(body, "body") as string;
      return answer(200, asApi(found));
    }
    const pulls = collection === "pulls";
    if (method === "GET") {
      const state = url.searchParams.get("state") ?? "open";
      const label = url.searchParams.get("labels") ?? "";
      return answer(
        200,
        issues
          .filter((i) => i.pullRequest === pulls && (state === "all" || i.state === state))
          .filter((i) => label === "" || i.labels.includes(label))
          .map(asApi),
      );
    }
    if (method === "POST") {
      const labels = field(body, "labels");
      const issue = add({
        title: String(field(body, "title") ?? ""),
        body: String(field(body, "body") ?? ""),
        labels: Array.isArray(labels) ? labels.map(String) : [],
        pullRequest: pulls,
      });
      return answer(201, asApi(issue));
    }
    return answer(405, { message: "Method not allowed" });
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: base,
    oidcUrl: `${base}/oidc/token?run=1`,
    calls,
    issues,
    openPullRequest: (title) => add({ title, body: "", labels: [], pullRequest: true }).number,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
