import type { ReactNode } from "react";

export function PageHeader({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="tend-page-header">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="tend-lead">{lead}</p> : null}
      </div>
      {children ? <div className="tend-page-header-actions">{children}</div> : null}
    </div>
  );
}
