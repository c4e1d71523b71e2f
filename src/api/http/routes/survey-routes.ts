/** Survey configuration: texting "reply 1–5" after a contact, and the post-call IVR survey. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { IvrSurveySettingsView, SmsSurveySettingsView } from '../../../contracts/quality.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { jsonBody, jsonResponse, managers, secured } from '../secured-route.ts';

export function surveyRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/surveys/sms-settings',
      tags: ['quality'],
      summary: 'The post-contact SMS survey settings',
      responses: { 200: jsonResponse(SmsSurveySettingsView) },
    }),
    async (c) => c.json(jsonify(await c.var.services.smsSurveys.settings()), 200),
  );
  app.openapi(
    secured(managers, {
      method: 'put',
      path: '/api/surveys/sms-settings',
      tags: ['quality'],
      summary: 'Turn the SMS survey on or off, for which channels and queues, with what text',
      request: { body: jsonBody(SmsSurveySettingsView) },
      responses: { 200: jsonResponse(SmsSurveySettingsView) },
    }),
    async (c) =>
      c.json(jsonify(await c.var.services.smsSurveys.setSettings(c.req.valid('json'))), 200),
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/surveys/ivr-settings',
      tags: ['quality'],
      summary: 'The post-call IVR survey settings',
      responses: { 200: jsonResponse(IvrSurveySettingsView) },
    }),
    async (c) => c.json(jsonify(await c.var.services.ivrSurveys.settings()), 200),
  );
  app.openapi(
    secured(managers, {
      method: 'put',
      path: '/api/surveys/ivr-settings',
      tags: ['quality'],
      summary: 'Survey callers (press 1–5) when the agent hangs up, for which queues',
      request: { body: jsonBody(IvrSurveySettingsView) },
      responses: { 200: jsonResponse(IvrSurveySettingsView) },
    }),
    async (c) =>
      c.json(jsonify(await c.var.services.ivrSurveys.setSettings(c.req.valid('json'))), 200),
  );
}
