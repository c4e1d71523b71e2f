import { z } from 'zod';
import { Timestamp } from './common.ts';

export const DeviceView = z
  .object({
    extension: z.string(),
    displayName: z.string(),
    realm: z.string(),
    enabled: z.boolean(),
    createdAt: Timestamp,
    registrations: z.array(
      z
        .object({
          contact: z.string(),
          source: z.string().meta({ description: 'transport:address:port the REGISTER came from' }),
          userAgent: z.string().nullable(),
          expiresAt: Timestamp,
          reachable: z
            .boolean()
            .nullable()
            .meta({ description: 'answered the last OPTIONS probe; null before the first' }),
          rttMs: z.number().int().nullable(),
        })
        .meta({ id: 'PhoneRegistration' }),
    ),
  })
  .meta({ id: 'Device' });
export const DeviceUpsert = z
  .strictObject({
    password: z.string().min(8).max(128),
    displayName: z.string().trim().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'DeviceUpsert' });

export const IvrFlowSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    language: z.string(),
    createdAt: Timestamp,
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'IvrFlowSummary' });
/** The flow document itself: nodes and their settings (see docs/telephony.md). Validated on save. */
export const IvrFlowDocument = z.record(z.string(), z.unknown()).meta({ id: 'IvrFlowDocument' });
export const IvrNumberView = z
  .object({ number: z.string(), flowId: z.string() })
  .meta({ id: 'IvrNumber' });
export const IvrNumberSet = z
  .strictObject({ flowId: z.string().nullable() })
  .meta({ id: 'IvrNumberSet' });
