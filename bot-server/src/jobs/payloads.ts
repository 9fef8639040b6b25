/** Every job the server queues, by name, with its payload: ids only, the data stays in the database. */
export type JobPayloads = {
  /** A stored webhook event to process. */
  webhook: { inboxId: number };
  /** Someone who wrote to the OA with no follow on record: ask Zalo whether they follow. */
  "follower-check": { userId: string };
  /** Mirror a follower's subscription into OA tags. */
  "follower-tags": { userId: string };
  /** The follower import of one period (one job per period, whoever adds it). */
  "followers-import": { slot: number };
  /** Plan a campaign's deliveries. */
  "campaign-plan": { campaignId: number };
  /** Send a batch of planned deliveries. */
  "delivery-batch": { deliveryIds: number[] };
  /** Send one delivery that left its batch to wait (a retry, a promotion held until morning). */
  delivery: { deliveryId: number };
};

export type JobName = keyof JobPayloads;
