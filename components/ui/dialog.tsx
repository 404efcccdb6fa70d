"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Extra class on the panel (width variants). */
  className?: string;
};

/**
 * A modal dialog on Radix: focus moves in and is trapped, Esc and the backdrop close it, focus returns to
 * what opened it, the page behind is inert to screen readers. Rendered in a portal, so it styles itself
 * from the global tokens (ui.css), never from the surface it was opened on.
 */
export function Dialog({ open, onOpenChange, title, description, children, className }: Props) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-overlay" />
        <RadixDialog.Content className={`ui-dialog${className ? ` ${className}` : ""}`}>
          <RadixDialog.Title className="ui-dialog-title">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="ui-dialog-desc">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="ui-sr">{title}</RadixDialog.Description>
          )}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** "Are you sure?" as a real dialog (window.confirm cannot be styled, and blocks the page's own updates). */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  danger = true,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onCancel()} title={title} description={description}>
      <div className="ui-actions ui-dialog-actions">
        <Button variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button variant={danger ? "danger" : "primary"} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
