import type { ReactNode } from "react";

export function Card({
  title,
  meta,
  children,
  footer,
  as: Tag = "section",
}: {
  title?: ReactNode;
  meta?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  as?: "section" | "article" | "li" | "div";
}) {
  return (
    <Tag className="tend-card">
      {title ? <h2 className="tend-card-title">{title}</h2> : null}
      {meta ? <p className="tend-card-meta">{meta}</p> : null}
      {children}
      {footer ? <div className="tend-card-footer">{footer}</div> : null}
    </Tag>
  );
}
