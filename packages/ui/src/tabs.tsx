import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";

export type TabItem = { id: string; label: string; content: ReactNode };

/**
 * Tabs as the ARIA pattern has them: arrow keys move between tabs, Tab moves into the panel.
 * Every panel stays mounted (hidden), so switching back keeps what was typed.
 */
export function Tabs({
  label,
  tabs,
  defaultTab,
  onChange,
}: {
  label: string;
  tabs: readonly TabItem[];
  defaultTab?: string;
  onChange?: (id: string) => void;
}) {
  const [selected, setSelected] = useState(defaultTab ?? tabs[0]?.id);
  const base = useId().replace(/:/g, "");
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const select = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    setSelected(tab.id);
    onChange?.(tab.id);
    buttons.current[(index + tabs.length) % tabs.length]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(next);
  };

  return (
    <div className="tend-tabs">
      <div role="tablist" aria-label={label} className="tend-tablist">
        {tabs.map((tab, index) => {
          const active = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                buttons.current[index] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={active}
              aria-controls={`${base}-panel-${tab.id}`}
              tabIndex={active ? 0 : -1}
              className="tend-tab"
              onClick={() => select(index)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={tab.id !== selected}
          className="tend-tabpanel"
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
