import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { FormError } from "./form-error.tsx";
import { PasswordField } from "./password-field.tsx";
import { SelectField } from "./select-field.tsx";
import { TextField } from "./text-field.tsx";

afterEach(cleanup);

describe("TextField", () => {
  it("has a visible label and ties its hint and error to the input", () => {
    render(
      <TextField id="email" label="Email" hint="We never share it." error="Please check it." />,
    );
    const input = screen.getByLabelText("Email");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = (input.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["We never share it.", "Please check it."]);
  });

  it("says nothing extra when all is well", () => {
    render(<TextField label="Name" />);
    const input = screen.getByLabelText("Name");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(input.getAttribute("aria-describedby")).toBeNull();
  });
});

describe("PasswordField", () => {
  it("can show what was typed, and says whether it does", () => {
    render(<PasswordField label="Password" autoComplete="new-password" />);
    const input = screen.getByLabelText("Password");
    const toggle = screen.getByRole("button", { name: "Show password" });
    expect(input.getAttribute("type")).toBe("password");
    fireEvent.click(toggle);
    expect(input.getAttribute("type")).toBe("text");
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "Hide password" })).toBe(toggle);
  });
});

describe("SelectField", () => {
  it("lists its options under its label", () => {
    render(
      <SelectField
        label="Time zone"
        defaultValue="Europe/Paris"
        options={[
          { value: "Europe/London", label: "Europe/London" },
          { value: "Europe/Paris", label: "Europe/Paris" },
        ]}
      />,
    );
    expect((screen.getByLabelText("Time zone") as HTMLSelectElement).value).toBe("Europe/Paris");
  });
});

describe("FormError", () => {
  it("renders nothing when there is nothing to say", () => {
    const { container } = render(<FormError message={null} problems={[]} />);
    expect(container.innerHTML).toBe("");
  });

  it("is an alert linking each problem to its field", () => {
    render(
      <>
        <FormError problems={[{ fieldId: "name", message: "Please add a name." }]} />
        <input id="name" aria-label="Name" />
      </>,
    );
    const alert = screen.getByRole("alert");
    const link = screen.getByRole("link", { name: "Please add a name." });
    expect(alert.contains(link)).toBe(true);
    fireEvent.click(link);
    expect(document.activeElement?.id).toBe("name");
  });
});
