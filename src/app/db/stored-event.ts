/** A fact as the laptop stores it in `events`, with the indexes its readers use. */
import type { BuurtpasEvent, EventType } from '../../domain/events.ts';

export type StoredEvent = {
  eventId: string;
  /** Server sequence number once the server has it; absent while only local. */
  seq?: number;
  memberId?: string;
  /** Amsterdam local date of `at`. */
  day: string;
  deviceId: string;
  locationId: string;
  type: EventType;
  event: BuurtpasEvent;
};
