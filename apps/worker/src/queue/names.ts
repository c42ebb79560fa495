/** Queue names. Job ids and names must not contain ":" (BullMQ). */
export const MAINTENANCE_QUEUE = "maintenance";
export const SWEEP_SCHEDULER_ID = "sweep";
export const EMAIL_QUEUE = "email";
/** One email (jobs queued by earlier versions of the worker; still understood). */
export const SEND_EMAIL_JOB = "send-email";
/** A batch of emails: what the dispatcher queues. */
export const SEND_EMAILS_JOB = "send-emails";
export const DISPATCH_OUTBOX_JOB = "dispatch-outbox";
export const DISPATCH_OUTBOX_SCHEDULER_ID = "dispatch-outbox";
/** Due reminders, weekly summaries and therapist digests, every REMINDER_SWEEP_MS. */
export const SCHEDULED_EMAILS_JOB = "dispatch-scheduled-emails";
export const SCHEDULED_EMAILS_SCHEDULER_ID = "dispatch-scheduled-emails";
