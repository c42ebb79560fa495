import { ErrorNotice, SwitchField } from "@tend/ui";
import { type ReactNode, useEffect, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { useUpdateSettings } from "./use-update-settings.ts";

type SwitchKey = "reminderEmails" | "summaryEmails" | "quoteWordsInSummary";

/** One on/off setting that is saved the moment it is switched (and switched back if that fails). */
export function SettingSwitch({
  setting,
  value,
  label,
  hint,
  onSaved,
}: {
  setting: SwitchKey;
  value: boolean;
  label: ReactNode;
  hint?: ReactNode;
  onSaved?: (on: boolean) => void;
}) {
  const save = useUpdateSettings();
  // The switch shows the person's choice at once; a failed save puts it back.
  const [checked, setChecked] = useState(value);
  useEffect(() => setChecked(value), [value]);
  return (
    <div className="tend-stack">
      <SwitchField
        label={label}
        hint={hint}
        checked={checked}
        onChange={(on) => {
          setChecked(on);
          save.mutate(
            { [setting]: on },
            { onSuccess: () => onSaved?.(on), onError: () => setChecked(value) },
          );
        }}
      />
      {save.isError ? (
        <ErrorNotice title="That change did not save">{toProblem(save.error).message}</ErrorNotice>
      ) : null}
    </div>
  );
}
