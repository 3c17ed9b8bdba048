// The pack is TypeScript run by Node itself (type stripping, like the rest of the repo). This entry point is
// plain JavaScript because the policy runner compiles .ts entry points with ts-node, which rejects the
// `.ts` extensions of the relative imports that Node requires.
import "./pack.ts";
