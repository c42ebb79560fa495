/** Queue names. Job ids and names must not contain ":" (BullMQ). */
export const MAINTENANCE_QUEUE = "maintenance";
export const SWEEP_SCHEDULER_ID = "sweep";
