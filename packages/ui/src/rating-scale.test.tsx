import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { RatingDisplay, RatingScale } from "./rating-scale.tsx";
import { StepFlow } from "./step-flow.tsx";
import { SwitchField } from "./switch-field.tsx";

describe("RatingScale", () => {
  it("is a named radio group of 0 to 10 with both ends named, nothing chosen until chosen", () => {
    const onChange = vi.fn();
    render(
      <RatingScale
        label="How did the harsh version feel: stuck (0) to motivated (10)"
        left="stuck"
        right="motivated"
        value={undefined}
        onChange={onChange}
      />,
    );
    const group = screen.getByRole("radiogroup", {
      name: "How did the harsh version feel: stuck (0) to motivated (10)",
    });
    const radios = screen.getAllByRole("radio");
    expect(radios).toHaveLength(11);
    expect(radios.every((r) => !(r as HTMLInputElement).checked)).toBe(true);
    expect(screen.getByRole("radio", { name: "0 (stuck)" })).toBeTruthy();
    expect(screen.getByRole("radio", { name: "10 (motivated)" })).toBeTruthy();
    expect(group.parentElement?.textContent).toContain("stuckmotivated");
    fireEvent.click(screen.getByRole("radio", { name: "7" }));
    expect(onChange).toHaveBeenCalledWith(7);
  });

  it("shows a rating already given in words for screen readers", () => {
    render(<RatingDisplay left="stuck" right="motivated" value={3} caption="Harsh words" />);
    expect(
      screen.getByText("Harsh words: 3 on a scale from stuck (0) to motivated (10)"),
    ).toBeTruthy();
  });
});

describe("StepFlow", () => {
  it("counts steps in words, never as a percentage", () => {
    render(
      <StepFlow label="Practice" current={1} total={5} onNext={() => {}} onBack={() => {}}>
        <h2>Second</h2>
      </StepFlow>,
    );
    const region = screen.getByRole("region", { name: "Practice" });
    expect(region.textContent).toContain("Step 2 of 5");
    expect(region.textContent).not.toMatch(/%/);
    expect(screen.getByRole("button", { name: "Back" })).toBeTruthy();
  });
});

describe("SwitchField", () => {
  it("is a switch named by its label, explained by its hint", () => {
    const onChange = vi.fn();
    render(
      <SwitchField
        label="Share with Dr. Lee"
        hint="You can take it back."
        checked={false}
        onChange={onChange}
      />,
    );
    const toggle = screen.getByRole("switch", { name: "Share with Dr. Lee" });
    expect(toggle.getAttribute("aria-checked")).toBe("false");
    expect(document.getElementById(toggle.getAttribute("aria-describedby")!)?.textContent).toBe(
      "You can take it back.",
    );
    fireEvent.click(toggle);
    expect(onChange).toHaveBeenCalledWith(true);
  });
});
