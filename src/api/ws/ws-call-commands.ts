/**
 * CTI over the agent's WebSocket: the same commands as `/api/calls/...`, for desktops that keep
 * one connection open. A client sends
 * `{"kind":"command","id":"r1","command":"hold","callId":"…"}` (plus `to`, `digits`, `mode`,
 * `number` where the command takes them) and gets `{"kind":"result","id":"r1","call":{…}}` or
 * `{"kind":"result","id":"r1","problem":{…}}` with the same problem codes as the HTTP API.
 */
import { z } from 'zod';
import type { Actor } from '../../app/app-context.ts';
import type { CallControl } from '../../app/ports/call-control.ts';
import { CallTargetBody, MakeCallBody, RouteCallBody } from '../../contracts/voice.ts';
import { DomainError, type ErrorCode } from '../../domain/errors.ts';
import { problemBody } from '../http/problem.ts';

const managersOnly = new Set(['monitor', 'release', 'route']);

const CallCommand = z.discriminatedUnion('command', [
  z.object({
    command: z.enum([
      'hold',
      'retrieve',
      'hangup',
      'complete-transfer',
      'conference',
      'cancel-consult',
      'release',
    ]),
    callId: z.string().min(1).max(64),
  }),
  z.object({
    command: z.literal('remove-party'),
    callId: z.string().min(1).max(64),
    legId: z.string().min(1).max(200),
  }),
  z.object({
    command: z.enum(['transfer', 'consult', 'add-party']),
    callId: z.string().min(1).max(64),
    to: CallTargetBody,
  }),
  z.object({
    command: z.literal('dtmf'),
    callId: z.string().min(1).max(64),
    digits: z.string().regex(/^[0-9*#A-D]{1,32}$/),
  }),
  z.object({
    command: z.literal('monitor'),
    callId: z.string().min(1).max(64),
    mode: z.enum(['listen', 'whisper', 'barge']),
  }),
  z.object({ command: z.literal('make-call') }).extend(MakeCallBody.shape),
  z.object({
    command: z.literal('route'),
    callId: z.string().min(1).max(64),
    to: RouteCallBody,
  }),
]);

const Envelope = z.object({ kind: z.literal('command'), id: z.string().min(1).max(100) });

type Reply = Record<string, unknown>;

const fail = (id: string | null, code: ErrorCode, detail: string): Reply => ({
  kind: 'result',
  id,
  problem: problemBody(code, detail),
});

/** Runs one client message; resolves the reply to send (never rejects). */
export async function runWsCommand(calls: CallControl, actor: Actor, raw: string): Promise<Reply> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail(null, 'request.malformed_json', 'messages are JSON objects');
  }
  const env = Envelope.safeParse(data);
  if (!env.success) return fail(null, 'validation.failed', 'expected {kind:"command", id, …}');
  const id = env.data.id;
  const cmd = CallCommand.safeParse(data);
  if (!cmd.success)
    return fail(id, 'validation.failed', cmd.error.issues.map((i) => i.message).join('; '));
  const c = cmd.data;
  if (actor.role === 'customer') return fail(id, 'auth.forbidden', 'staff only');
  if (managersOnly.has(c.command) && actor.role !== 'supervisor' && actor.role !== 'admin')
    return fail(id, 'auth.forbidden', 'supervisors only');
  try {
    const call = await (() => {
      switch (c.command) {
        case 'make-call':
          return calls.makeCall(actor, {
            number: c.number,
            caseId: c.caseId ?? null,
            campaignId: c.campaignId ?? null,
          });
        case 'hold':
          return calls.hold(actor, c.callId);
        case 'retrieve':
          return calls.retrieve(actor, c.callId);
        case 'hangup':
          return calls.hangup(actor, c.callId);
        case 'complete-transfer':
          return calls.completeTransfer(actor, c.callId);
        case 'conference':
          return calls.conference(actor, c.callId);
        case 'cancel-consult':
          return calls.cancelConsult(actor, c.callId);
        case 'release':
          return calls.forceRelease(actor, c.callId);
        case 'transfer':
          return calls.transfer(actor, c.callId, c.to);
        case 'consult':
          return calls.consult(actor, c.callId, c.to);
        case 'add-party':
          return calls.addParty(actor, c.callId, c.to);
        case 'remove-party':
          return calls.removeParty(actor, c.callId, c.legId);
        case 'dtmf':
          return calls.sendDtmf(actor, c.callId, c.digits);
        case 'monitor':
          return calls.monitor(actor, c.callId, c.mode);
        case 'route':
          return calls.route(actor, c.callId, c.to);
      }
    })();
    return { kind: 'result', id, call };
  } catch (e) {
    if (e instanceof DomainError) return fail(id, e.code, e.message);
    return fail(id, 'internal', 'the command failed');
  }
}
