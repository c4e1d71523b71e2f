/** The layer rule of docs/architecture.md, checked with ESLint's RuleTester on real paths. */
import { join } from 'node:path';
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import rule from '../../../eslint-rules/layers.js';

// RuleTester uses the test framework's hooks when they are assigned to it.
Object.assign(RuleTester, { afterAll, describe, it });

const root = join(import.meta.dirname, '../../..');
const at = (p: string) => join(root, p);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });

tester.run('kefu/layers', rule, {
  valid: [
    { filename: at('src/domain/case/case.ts'), code: "import { x } from '../errors.ts';" },
    {
      filename: at('src/app/cases/case-service.ts'),
      code: "import { x } from '../../domain/case/case.ts'; import { randomUUID } from 'node:crypto';",
    },
    {
      filename: at('src/store/repos/case-repo.ts'),
      code: "import { x } from '../../app/ports/store.ts'; import { eq } from 'drizzle-orm';",
    },
    {
      filename: at('src/api/http/routes/x.ts'),
      code: "import { x } from '../../../contracts/cases.ts';",
    },
    {
      filename: at('src/contracts/cases.ts'),
      code: "import { z } from 'zod'; import { caseStages } from '../domain/case/case-stage.ts';",
    },
    { filename: at('src/main.ts'), code: "import { openStore } from './store/open-store.ts';" },
    {
      filename: at('web/src/app.tsx'),
      code: "import { CaseView } from '../../src/contracts/cases.ts';",
    },
  ],
  invalid: [
    {
      filename: at('src/domain/case/case.ts'),
      code: "import { x } from '../../app/ports/store.ts';",
      errors: [{ message: "layer 'domain' must not import layer 'app'" }],
    },
    {
      filename: at('src/domain/case/case.ts'),
      code: "import { readFileSync } from 'node:fs';",
      errors: [{ message: "layer 'domain' must not import package 'node:fs'" }],
    },
    { filename: at('src/domain/case/case.ts'), code: "import { z } from 'zod';", errors: 1 },
    {
      filename: at('src/app/x.ts'),
      code: "import { x } from '../store/schema.ts';",
      errors: [{ message: "layer 'app' must not import layer 'store'" }],
    },
    {
      filename: at('src/api/http/x.ts'),
      code: "import { x } from '../../store/open-store.ts';",
      errors: [{ message: "layer 'api' must not import layer 'store'" }],
    },
    {
      filename: at('src/store/x.ts'),
      code: "export { x } from '../api/http/problem.ts';",
      errors: 1,
    },
    { filename: at('src/contracts/x.ts'), code: "import { Hono } from 'hono';", errors: 1 },
    {
      filename: at('web/src/app.tsx'),
      code: "import { x } from '../../src/app/cases/case-service.ts';",
      errors: [{ message: "layer 'web' must not import layer 'app'" }],
    },
  ],
});
