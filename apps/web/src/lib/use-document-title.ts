import { useEffect } from "react";

/** Each page names itself in the browser tab (and for screen readers arriving on it). */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Tend`;
  }, [title]);
}
