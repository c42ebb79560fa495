import { Button } from "@tend/ui";
import { useEffect, useState } from "react";

/** Fill the whole screen (and back), where the browser allows it. Escape also leaves. */
export function FullscreenButton() {
  const [on, setOn] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const onChange = () => setOn(Boolean(document.fullscreenElement));
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <Button
      variant="secondary"
      onClick={() =>
        void (on ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(
          () => undefined,
        )
      }
    >
      {on ? "Leave full screen" : "Full screen"}
    </Button>
  );
}
