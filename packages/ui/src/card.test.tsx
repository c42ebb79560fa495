import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AppShell } from "./app-shell.tsx";
import { Card } from "./card.tsx";

describe("AppShell", () => {
  it("marks the current page, offers a skip link and always says where urgent help is", () => {
    render(
      <AppShell
        nav={[
          { href: "/library", label: "Library", current: true },
          { href: "/today", label: "Today" },
        ]}
      >
        <p>page</p>
      </AppShell>,
    );
    expect(screen.getByRole("link", { name: "Library" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("link", { name: "Today" }).getAttribute("aria-current")).toBeNull();
    expect(screen.getByRole("link", { name: "Skip to content" }).getAttribute("href")).toBe(
      "#main",
    );
    expect(screen.getByRole("contentinfo").textContent).toMatch(/emergency/);
    expect(screen.getByRole("main").textContent).toBe("page");
  });
});

describe("Card", () => {
  it("renders its title as a heading and its meta", () => {
    render(<Card title="Soothing touch" meta="5 minutes" />);
    expect(screen.getByRole("heading", { name: "Soothing touch" })).toBeTruthy();
    expect(screen.getByText("5 minutes")).toBeTruthy();
  });
});
