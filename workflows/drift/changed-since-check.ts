import type { Deployment, Stack } from "@pulumi/pulumi/automation/index.js";
import { sameJson } from "@qard-iac/pulumi-qard/internal";
import { PROJECT_NAME } from "../stacks/stack.ts";
import { refuseBusyStack } from "../stacks/busy-stack.ts";

/**
 * Another operation wrote the stack between the drift check and the repair: the check's findings may no
 * longer hold (the other update may have repaired them, or changed what an `up` of them would apply), so
 * nothing is written on their strength.
 */
export class StackChangedSinceCheckError extends Error {
  constructor(stackName: string, checked: Deployment, now: Deployment) {
    const written = (state: Deployment) =>
      String((state.deployment as { manifest?: { time?: unknown } } | undefined)?.manifest?.time ?? "?");
    super(
      `Stack ${stackName} changed since the drift check (its state was written at ${written(now)}; the ` +
        `check read the one written at ${written(checked)}): another update landed in between, so nothing ` +
        `was repaired. Run \`npm run drift -- --stack ${stackName} --remediate\` again to check the stack as it is now.`,
    );
    this.name = "StackChangedSinceCheckError";
  }
}

/**
 * Right before a repair: the stack must be free (no lock, nothing in flight) and its state the one the
 * check read. Throws a StackBusyError or a StackChangedSinceCheckError otherwise.
 */
export async function refuseChangedSinceCheck(stack: Stack, checked: Deployment): Promise<void> {
  const now = await refuseBusyStack(stack, PROJECT_NAME);
  if (!sameJson(checked.deployment, now.deployment)) {
    throw new StackChangedSinceCheckError(stack.name, checked, now);
  }
}
