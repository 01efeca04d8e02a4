import type { FastifyInstance } from 'fastify';
import type { Delivery } from './hub';

/** After a commit: the change is stored either way, so a failed notice is logged, not thrown. */
export async function publish(app: FastifyInstance, ...deliveries: Delivery[]): Promise<void> {
  for (const delivery of deliveries) {
    await app.events.publish(delivery).catch((error: unknown) => app.log.error({ err: error }, 'could not publish an event'));
  }
}
