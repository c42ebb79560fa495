import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { wrapWords } from "./chart-numbers.ts";
import { HarshKinderChart } from "./harsh-kinder-chart.tsx";
import { IntensityChart } from "./intensity-chart.tsx";
import { PracticeByWeekChart } from "./practice-by-week-chart.tsx";

describe("PracticeByWeekChart", () => {
  it("is a named figure whose numbers are a table for screen readers, shown on request", () => {
    render(
      <PracticeByWeekChart
        title="Practice each week"
        caption="You practised 3 times this week."
        weeks={[
          { weekStart: "2026-03-02", count: 2 },
          { weekStart: "2026-03-09", count: 0 },
          { weekStart: "2026-03-16", count: 3 },
        ]}
      />,
    );
    const figure = screen.getByRole("figure", { name: "Practice each week" });
    expect(figure.textContent).toContain("You practised 3 times this week.");
    const table = within(figure).getByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows.map((r) => r.textContent)).toEqual([
      "Week startingTimes practised",
      expect.stringMatching(/2026.*2$/),
      expect.stringMatching(/2026.*0$/),
      expect.stringMatching(/2026.*3$/),
    ]);
    // The drawing is hidden from assistive tech: the table carries the numbers.
    expect(figure.querySelector("svg")?.closest("[aria-hidden='true']")).toBeTruthy();
    const toggle = within(figure).getByRole("button", { name: "Show the numbers" });
    expect(table.parentElement?.className).toBe("tend-visually-hidden");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(table.parentElement?.className).toBe("tend-chart-table");
    // Never a streak or a percentage.
    expect(figure.textContent).not.toMatch(/streak|%/i);
  });
});

describe("HarshKinderChart", () => {
  it("labels the axis with the scale's own words and gives the averages in the table", () => {
    render(
      <HarshKinderChart
        title="Stuck or motivated"
        left="stuck"
        right="motivated"
        points={[
          { localDate: "2026-03-02", harsh: 2, kinder: 7 },
          { localDate: "2026-03-09", harsh: 3, kinder: 8 },
          { localDate: "2026-03-16", harsh: 3, kinder: 8 },
        ]}
      />,
    );
    const figure = screen.getByRole("figure", { name: "Stuck or motivated" });
    const svg = figure.querySelector(".tend-chart-plot svg")!;
    expect(svg.textContent).toContain("motivated");
    expect(svg.textContent).toContain("stuck");
    // Told apart by shape, not colour alone: squares for harsh, circles for kinder.
    expect(svg.querySelectorAll("rect.tend-chart-harsh-mark")).toHaveLength(3);
    expect(svg.querySelectorAll("circle.tend-chart-kinder-mark")).toHaveLength(3);
    expect(within(figure).getByRole("list").textContent).toBe("Harsh wordsKinder version");
    const footer = within(figure).getAllByRole("row").at(-1)!;
    expect(footer.textContent).toBe("Average of 3 practices2.77.7");
    expect(within(figure).getByRole("table").textContent).toContain("0 stuck to 10 motivated");
  });
});

describe("IntensityChart", () => {
  it("draws before hollow and after filled, and says when a rating was skipped", () => {
    render(
      <IntensityChart
        title="Before and after"
        points={[
          { localDate: "2026-03-03", before: 7, after: 4 },
          { localDate: "2026-03-05", before: null, after: 3 },
        ]}
      />,
    );
    const figure = screen.getByRole("figure", { name: "Before and after" });
    expect(figure.querySelectorAll("svg circle.tend-chart-before-mark")).toHaveLength(2); // 1 + legend
    expect(figure.querySelectorAll("svg circle.tend-chart-after-mark")).toHaveLength(3); // 2 + legend
    expect(within(figure).getByRole("table").textContent).toContain("not rated");
    expect(within(figure).getAllByRole("row").at(-1)!.textContent).toBe("Average73.5");
  });
});

describe("wrapWords", () => {
  it("breaks long pole words into short lines", () => {
    expect(wrapWords("as strong as it gets", 11)).toEqual(["as strong", "as it gets"]);
    expect(wrapWords("motivated", 11)).toEqual(["motivated"]);
  });
});
