import type { FastifyReply } from 'fastify';
import type { z } from '../../domain/jitless-zod.ts';

/** Every error leaves the server as `{ error: '<code>', detail? }`: the app words the code. */
export function sendApiError(
  reply: FastifyReply,
  status: number,
  error: string,
  detail?: string,
): FastifyReply {
  return reply.code(status).send(detail === undefined ? { error } : { error, detail });
}

/** A refused parse in words: the first issue's path (or `whole`, for the whole input) and message. */
export function describeIssue(error: z.ZodError, whole = '(body)'): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || whole}: ${issue.message}` : 'invalid';
}
