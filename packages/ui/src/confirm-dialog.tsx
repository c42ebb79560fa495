import type { ReactNode } from "react";
import { Button } from "./button.tsx";
import { Dialog } from "./dialog.tsx";
import { FormError } from "./form-error.tsx";

/** "Are you sure?" with the consequence spelled out. Cancel is focused first, so Enter is safe. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  onConfirm,
  onCancel,
  pending = false,
  error,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: string | null | undefined;
}) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} description={children}>
      <FormError message={error} />
      <div className="tend-actions">
        <Button variant="secondary" onClick={onCancel} data-autofocus="">
          {cancelLabel}
        </Button>
        <Button onClick={onConfirm} disabled={pending}>
          {pending ? "One moment…" : confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
