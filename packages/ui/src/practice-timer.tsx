import { useEffect, useRef, useState } from "react";
import { Button } from "./button.tsx";

/** "2:05" */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * A calm countdown: start, pause, carry on. It only counts the time; stopping early is fine and
 * nothing says otherwise. Reports the seconds spent so far through `onElapsedChange`.
 */
export function PracticeTimer({
  seconds,
  elapsed,
  onElapsedChange,
  label,
}: {
  seconds: number;
  elapsed: number;
  onElapsedChange: (elapsedSeconds: number) => void;
  /** Names the timer for assistive tech. */
  label: string;
}) {
  const [running, setRunning] = useState(false);
  const [shown, setShown] = useState(Math.min(elapsed, seconds));
  const startedAt = useRef(0);
  const base = useRef(Math.min(elapsed, seconds));
  const report = useRef(onElapsedChange);
  report.current = onElapsedChange;

  useEffect(() => {
    if (!running) return;
    startedAt.current = Date.now();
    const tick = () => {
      const now = Math.min(
        seconds,
        base.current + Math.floor((Date.now() - startedAt.current) / 1000),
      );
      setShown(now);
      if (now >= seconds) {
        base.current = seconds;
        setRunning(false);
        report.current(seconds);
      }
    };
    const timer = window.setInterval(tick, 250);
    return () => {
      window.clearInterval(timer);
      const now = Math.min(
        seconds,
        base.current + Math.floor((Date.now() - startedAt.current) / 1000),
      );
      base.current = now;
      setShown(now);
      report.current(now);
    };
  }, [running, seconds]);

  const finished = shown >= seconds;
  const remaining = seconds - shown;
  const fraction = seconds > 0 ? shown / seconds : 0;
  const radius = 54;
  const circumference = 2 * Math.PI * radius;

  return (
    <section className="tend-timer" aria-label={label}>
      <div className="tend-timer-face">
        <svg viewBox="0 0 120 120" aria-hidden="true" className="tend-timer-ring">
          <circle cx="60" cy="60" r={radius} className="tend-timer-ring-back" />
          <circle
            cx="60"
            cy="60"
            r={radius}
            className="tend-timer-ring-front"
            strokeDasharray={circumference}
            strokeDashoffset={circumference * (1 - fraction)}
          />
        </svg>
        <p className="tend-timer-clock">
          <span className="tend-visually-hidden">Time left: </span>
          {formatClock(remaining)}
        </p>
      </div>
      <p className="tend-timer-state" role="status">
        {finished
          ? "That's the time. Come back gently, whenever you're ready."
          : running
            ? "Breathing time. Pause whenever you like."
            : shown > 0
              ? "Paused. Carry on if you'd like, or move on when you're ready."
              : null}
      </p>
      <div className="tend-actions tend-timer-actions">
        {finished ? (
          <Button
            variant="secondary"
            onClick={() => {
              base.current = 0;
              setShown(0);
              report.current(0);
              setRunning(true);
            }}
          >
            Start again
          </Button>
        ) : running ? (
          <Button variant="secondary" onClick={() => setRunning(false)}>
            Pause
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setRunning(true)}>
            {shown > 0 ? "Carry on" : `Start the ${formatMinutes(seconds)} timer`}
          </Button>
        )}
      </div>
    </section>
  );
}

function formatMinutes(seconds: number): string {
  if (seconds % 60 === 0) return seconds === 60 ? "1-minute" : `${seconds / 60}-minute`;
  if (seconds < 60) return `${seconds}-second`;
  return formatClock(seconds);
}
