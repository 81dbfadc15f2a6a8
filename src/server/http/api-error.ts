import type { FastifyReply } from 'fastify';

/** Every error leaves the server as `{ error: '<code>', detail? }`: the app words the code. */
export function sendApiError(
  reply: FastifyReply,
  status: number,
  error: string,
  detail?: string,
): FastifyReply {
  return reply.code(status).send(detail === undefined ? { error } : { error, detail });
}
