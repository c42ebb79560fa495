import { Button } from "@tend/ui";
import { useState } from "react";

/** Backup codes, shown once: each signs in once if the phone is not at hand. */
export function BackupCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="tend-form">
      <p>
        <strong>Keep these backup codes somewhere safe</strong>, such as a password manager. If your
        phone isn't at hand, each one lets you in once. We won't show them again.
      </p>
      <ul className="tend-codes" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code} className="tend-code">
            {code}
          </li>
        ))}
      </ul>
      <div className="tend-actions">
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(codes.join("\n"));
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy the codes"}
        </Button>
        <Button onClick={onDone}>I've saved them</Button>
      </div>
    </div>
  );
}
