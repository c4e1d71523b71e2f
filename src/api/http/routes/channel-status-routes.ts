/**
 * Which text channels this center can answer on, for the admin console. Channels are set when
 * kefu starts (`kefu start --smtp-relay …`, see docs/channels.md), not through the API, so this
 * is read-only: a channel is configured when the outbox has a sender for it.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { messageChannels } from '../../../domain/message/message.ts';
import type { ApiEnv } from '../api-env.ts';
import { adminOnly, jsonResponse, secured } from '../secured-route.ts';

export const ChannelStatus = z
  .object({
    channel: z.enum(messageChannels),
    configured: z.boolean().describe('replies on this channel are sent (else channel.unavailable)'),
    address: z.string().nullable().describe("the center's own address on the channel (From)"),
  })
  .meta({ id: 'ChannelStatus' });

export function channelStatusRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(adminOnly, {
      method: 'get',
      path: '/api/channels',
      tags: ['system'],
      summary: 'The text channels and whether each is configured (set at start, read-only here)',
      responses: { 200: jsonResponse(z.array(ChannelStatus)) },
    }),
    (c) => {
      const { outbox } = c.var.services;
      const addresses: Partial<Record<string, string>> = {
        email: outbox.addresses.email,
        sms: outbox.addresses.sms,
        fax: outbox.addresses.fax,
      };
      return c.json(
        messageChannels.map((channel) => ({
          channel,
          configured: outbox.has(channel),
          address: addresses[channel] ?? null,
        })),
        200,
      );
    },
  );
}
