// @jsxRuntime automatic
// @jsxImportSource react
// Each component from its own package: the @react-email/components barrel also loads Tailwind,
// Markdown and code highlighting (~11 MB of heap in every worker) that no template uses.
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { CSSProperties, ReactNode } from "react";

const ink = "#2f3a37";
const soft = "#5f6b67";
const accent = "#3f7d6e";

const body: CSSProperties = {
  backgroundColor: "#f6f4ef",
  color: ink,
  fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  margin: 0,
  padding: "24px 0",
};
const card: CSSProperties = {
  backgroundColor: "#ffffff",
  borderRadius: "12px",
  margin: "0 auto",
  maxWidth: "520px",
  padding: "32px 32px 24px",
};
const brand: CSSProperties = { color: accent, fontSize: "15px", fontWeight: 600, margin: 0 };
const h1: CSSProperties = {
  fontSize: "22px",
  fontWeight: 600,
  lineHeight: "30px",
  margin: "12px 0",
};
const paragraph: CSSProperties = { fontSize: "16px", lineHeight: "26px", margin: "12px 0" };
const small: CSSProperties = {
  color: soft,
  fontSize: "14px",
  lineHeight: "22px",
  margin: "12px 0",
};
const button: CSSProperties = {
  backgroundColor: accent,
  borderRadius: "8px",
  color: "#ffffff",
  fontSize: "16px",
  fontWeight: 600,
  padding: "12px 20px",
  textDecoration: "none",
};
const rule: CSSProperties = { borderColor: "#e7e3da", margin: "24px 0 16px" };

/** The frame every Tend email shares: a calm card with a heading and a short footer. */
export function EmailLayout({
  preview,
  heading,
  children,
}: {
  preview: string;
  heading: string;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Text style={brand}>Tend</Text>
          <Heading as="h1" style={h1}>
            {heading}
          </Heading>
          {children}
          <Hr style={rule} />
          <Text style={small}>
            Tend is a quiet space for the practice you and your therapist choose together.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

export function SmallPrint({ children }: { children: ReactNode }) {
  return <Text style={small}>{children}</Text>;
}

/** The one thing to do, as a button, followed by the bare link for clients that hide buttons. */
export function Action({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Section style={{ margin: "24px 0" }}>
        <Button href={href} style={button}>
          {label}
        </Button>
      </Section>
      {/* The plain-text part already shows the link beside the button's label. */}
      <Text style={small} data-skip-in-text="true">
        If the button does not open, copy this link into your browser:{" "}
        <Link href={href} style={{ color: accent, wordBreak: "break-all" }}>
          {href}
        </Link>
      </Text>
    </>
  );
}
