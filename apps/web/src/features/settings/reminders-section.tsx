import { Notice } from "@tend/ui";
import { useState } from "react";
import { PauseRemindersForm } from "./pause-reminders-form.tsx";
import { QuietHoursForm } from "./quiet-hours-form.tsx";
import { SettingSwitch } from "./setting-switch.tsx";

/**
 * Reminders: on or off, a pause for a hard week (for some days or until a date, and resume),
 * and quiet hours when no reminder ever arrives.
 */
export function RemindersSection({
  reminderEmails,
  remindersPausedUntil,
  quietStart,
  quietEnd,
  timeZone,
}: {
  reminderEmails: boolean;
  remindersPausedUntil: string | null;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const pausedUntil =
    remindersPausedUntil && new Date(remindersPausedUntil) > new Date()
      ? new Date(remindersPausedUntil)
      : null;

  return (
    <section className="tend-panel" aria-labelledby="reminders-title">
      <h2 id="reminders-title">Practice reminders</h2>
      <p className="tend-lead">
        A short, gentle email at the times your practice is planned, and never once you have already
        practised. Each one has a “not today” link that costs nothing.
      </p>
      <Notice>{notice}</Notice>
      <SettingSwitch
        setting="reminderEmails"
        value={reminderEmails}
        label="Email me reminders"
        hint={
          reminderEmails
            ? "Reminders are on."
            : "Reminders are off. Your practice is still on Today."
        }
        onSaved={(on) => setNotice(on ? "Reminders are on again." : "Reminders are off.")}
      />
      {reminderEmails ? (
        <PauseRemindersForm pausedUntil={pausedUntil} timeZone={timeZone} onSaved={setNotice} />
      ) : null}
      <QuietHoursForm quietStart={quietStart} quietEnd={quietEnd} timeZone={timeZone} />
    </section>
  );
}
