import { type ReactNode, useEffect, useId, useRef } from "react";

const FOCUSABLE =
  "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]):not(.tend-dialog-close), a[href]";

/**
 * A modal dialog on the native <dialog> element: the page behind it is inert, Escape and the
 * close button close it, focus moves into it on open (to `[data-autofocus]` or the first
 * control) and goes back to whatever opened it on close. Its content mounts only while open,
 * so a form inside starts fresh each time.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      const first =
        dialog.querySelector<HTMLElement>("[data-autofocus]") ??
        dialog.querySelector<HTMLElement>(FOCUSABLE) ??
        dialog.querySelector<HTMLElement>("h2");
      first?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
      if (opener.current?.isConnected) opener.current.focus();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Escape: let the parent decide (it owns `open`), rather than the browser closing it behind React's back.
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    // A close the browser forced anyway (e.g. Escape pressed twice): keep the state in step.
    const onNativeClose = () => {
      if (opener.current?.isConnected) opener.current.focus();
      onCloseRef.current();
    };
    dialog.addEventListener("cancel", onCancel);
    dialog.addEventListener("close", onNativeClose);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      dialog.removeEventListener("close", onNativeClose);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="tend-dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
    >
      {open ? (
        <div className="tend-dialog-body">
          <div className="tend-dialog-header">
            <h2 id={titleId} tabIndex={-1}>
              {title}
            </h2>
            <button type="button" className="tend-dialog-close" onClick={onClose}>
              <span aria-hidden="true">×</span>
              <span className="tend-visually-hidden">Close</span>
            </button>
          </div>
          {description ? (
            <p className="tend-lead" id={descriptionId}>
              {description}
            </p>
          ) : null}
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
