import { type ReactNode, useEffect, useRef } from "react";
import { Button } from "./button.tsx";

/**
 * One step of a practice per screen: "Step 2 of 5" (never a percentage), the step itself, then
 * Back and Next. When the step changes, focus moves to the new step's heading, so keyboard and
 * screen-reader users start at the top of it.
 */
export function StepFlow({
  label,
  current,
  total,
  children,
  onBack,
  onNext,
  nextLabel = "Next",
  backLabel = "Back",
  busy = false,
  notice,
  aside,
}: {
  /** What the whole flow is, e.g. the exercise title (names the region). */
  label: string;
  /** 0-based index of the screen shown. */
  current: number;
  total: number;
  children: ReactNode;
  onBack?: (() => void) | undefined;
  onNext: () => void;
  nextLabel?: string;
  backLabel?: string;
  busy?: boolean;
  /** A gentle message about this step (e.g. "a few words are enough"), announced when it appears. */
  notice?: ReactNode;
  /** Quiet extras below the buttons (e.g. "Save and come back later"). */
  aside?: ReactNode;
}) {
  const body = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = body.current?.querySelector<HTMLElement>("h2, h3");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
      heading.scrollIntoView?.({ block: "nearest" });
    }
  }, [current]);

  return (
    <section className="tend-flow" aria-label={label}>
      <div className="tend-flow-progress">
        <p className="tend-flow-count">
          Step {current + 1} of {total}
        </p>
        <ol className="tend-flow-dots" aria-hidden="true">
          {Array.from({ length: total }, (_, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: the dots are positions, nothing else
              key={i}
              className={i === current ? "is-current" : i < current ? "is-before" : undefined}
            />
          ))}
        </ol>
      </div>
      <div className="tend-flow-body" ref={body}>
        {children}
      </div>
      <div role="status" className="tend-flow-notice">
        {notice}
      </div>
      <div className="tend-flow-nav">
        {onBack ? (
          <Button variant="secondary" onClick={onBack} disabled={busy}>
            {backLabel}
          </Button>
        ) : (
          <span />
        )}
        <Button onClick={onNext} disabled={busy}>
          {nextLabel}
        </Button>
      </div>
      {aside ? <div className="tend-flow-aside">{aside}</div> : null}
    </section>
  );
}
