import { useEffect } from "react";

/** While the page is shown, everything is set in larger type (for a screen two people share). */
export function useLargeType() {
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add("tend-large-type");
    return () => root.classList.remove("tend-large-type");
  }, []);
}
