import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Dialog } from "./dialog.tsx";

// jsdom has <dialog> but not its modal methods.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
  Element.prototype.scrollIntoView ??= () => {};
});

function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Invite a client
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Invite a client"
        description="By email."
      >
        <label htmlFor="n">Name</label>
        <input id="n" />
      </Dialog>
    </>
  );
}

afterEach(cleanup);

describe("Dialog", () => {
  it("is named by its title, moves focus in on open and back to the opener on close", () => {
    render(<Harness />);
    const opener = screen.getByRole("button", { name: "Invite a client" });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Invite a client" });
    expect(dialog.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Name"));

    // Escape arrives as the dialog's "cancel" event.
    fireEvent(dialog, new Event("cancel", { cancelable: true }));
    expect(dialog.hasAttribute("open")).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it("closes with its close button", () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole("button", { name: "Invite a client" }));
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByLabelText("Name")).toBeNull();
  });
});
