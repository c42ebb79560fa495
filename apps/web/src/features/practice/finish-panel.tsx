import { Button, SwitchField } from "@tend/ui";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * The last screen of a practice: thanks, then the client's two choices. Sharing is off until
 * they turn it on, and can be taken back.
 */
export function FinishPanel({
  therapistName,
  shared,
  flagged,
  onShare,
  onFlag,
  onDone,
  doneLabel = "Done",
  children,
}: {
  therapistName: string;
  shared: boolean;
  flagged: boolean;
  onShare: (shared: boolean) => void;
  onFlag: (flagged: boolean) => void;
  onDone: () => void;
  doneLabel?: string;
  /** Under the choices: a save error, or what was written. */
  children?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="tend-finish" aria-labelledby="finish-title">
      <div>
        <h2 id="finish-title" className="tend-step-question" tabIndex={-1} ref={heading}>
          Thank you for taking this time
        </h2>
        <p className="tend-finish-thanks">
          Whatever came up, you stayed with it for a while, and that is the practice. There is
          nothing more you need to do today.
        </p>
      </div>
      <div className="tend-panel tend-stack">
        <p className="tend-hint">
          This entry is private: only you can read it, unless you choose otherwise.
        </p>
        <SwitchField
          label={`Share with ${therapistName}`}
          hint={`When this is on, ${therapistName} can read this entry: your words and your ratings. You can take it back any time from your history.`}
          checked={shared}
          onChange={onShare}
        />
        <SwitchField
          label="Bring this to our next session"
          hint={
            shared || !flagged
              ? "A quiet marker, so it comes up when you next meet."
              : `A quiet marker for you. ${therapistName} sees it only on entries you share.`
          }
          checked={flagged}
          onChange={onFlag}
        />
      </div>
      {children}
      <div className="tend-actions">
        <Button onClick={onDone}>{doneLabel}</Button>
      </div>
    </section>
  );
}
