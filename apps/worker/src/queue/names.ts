/** Queue names. Job ids and names must not contain ":" (BullMQ). */
export const MAINTENANCE_QUEUE = "maintenance";
export const SWEEP_SCHEDULER_ID = "sweep";
export const EMAIL_QUEUE = "email";
export const SEND_EMAIL_JOB = "send-email";
export const DISPATCH_OUTBOX_JOB = "dispatch-outbox";
export const DISPATCH_OUTBOX_SCHEDULER_ID = "dispatch-outbox";
/** Due reminders, weekly summaries and therapist digests, every REMINDER_SWEEP_MS. */
export const SCHEDULED_EMAILS_JOB = "dispatch-scheduled-emails";
export const SCHEDULED_EMAILS_SCHEDULER_ID = "dispatch-scheduled-emails";
